import { ProviderError } from '../errors/provider-error';
import type { ProviderAdapter, RetryPolicy, StreamPart, StreamRequest, Timeouts } from '../types';
import { retryDelayMs } from './retry-delay';
import { timeoutError, type TimeoutPhase } from './timeout-error';

export interface RunStreamOptions {
  /** Aborting it stops the answer: the upstream request is aborted and the finish reason is `stopped`. */
  signal: AbortSignal;
  timeouts: Timeouts;
  retry: RetryPolicy;
  /** For the backoff jitter; default Math.random. */
  random?: () => number;
  /** Waits between attempts and must resolve early when `signal` aborts; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

type FinishPart = Extract<StreamPart, { type: 'finish' }>;
type Outcome =
  | { type: 'finished'; finish: FinishPart }
  | { type: 'failed'; error: ProviderError }
  | { type: 'stopped' };

const INTERRUPTED = Symbol('interrupted');

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * An adapter's answer under the workspace's rules:
 * - retries (retryable kinds only, and only before the first text delta) with backoff + full
 *   jitter or the provider's retry-after, one `retry` part per retry;
 * - first-token, idle and total timeouts (the connect timeout lives in the adapters' fetch);
 * - the caller's abort ends it with reason `stopped` and no error;
 * - exactly one `finish`, always last; after an `error` part its reason is `error` or `timeout`.
 * Text already yielded stays yielded whatever happens after it.
 */
export async function* runStream(
  adapter: ProviderAdapter,
  request: StreamRequest,
  options: RunStreamOptions,
): AsyncGenerator<StreamPart, void, undefined> {
  const { timeouts, retry, signal } = options;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const deadline = performance.now() + timeouts.totalMs;
  const progress = { textSent: false };

  for (let attempt = 1; ; attempt += 1) {
    const outcome = yield* runAttempt(adapter, request, options, deadline, progress);
    if (outcome.type === 'stopped') break;
    if (outcome.type === 'finished') {
      yield outcome.finish;
      return;
    }
    const { error } = outcome;
    const delayMs = retryDelayMs(attempt, retry, error, random);
    const worthRetrying =
      error.retryable &&
      !progress.textSent &&
      attempt <= retry.maxRetries &&
      delayMs <= retry.maxDelayMs &&
      performance.now() + delayMs < deadline;
    if (!worthRetrying) {
      yield { type: 'error', error };
      yield {
        type: 'finish',
        reason: error.kind === 'timeout' ? 'timeout' : 'error',
        providerFinishReason: null,
      };
      return;
    }
    yield { type: 'retry', attempt, delayMs, error };
    await sleep(delayMs, signal);
    if (signal.aborted) break;
  }
  yield { type: 'finish', reason: 'stopped', providerFinishReason: null };
}

async function* runAttempt(
  adapter: ProviderAdapter,
  request: StreamRequest,
  options: RunStreamOptions,
  deadline: number,
  progress: { textSent: boolean },
): AsyncGenerator<StreamPart, Outcome, undefined> {
  const { signal, timeouts } = options;
  if (signal.aborted) return { type: 'stopped' };
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onCallerAbort, { once: true });

  const state: {
    timedOut: ProviderError | null;
    timer: ReturnType<typeof setTimeout> | undefined;
    /** When the last text arrived; the idle timer checks it instead of being re-armed per token. */
    lastTextAt: number;
  } = { timedOut: null, timer: undefined, lastTextAt: 0 };
  const expire = (which: TimeoutPhase, wait: number) => {
    state.timedOut = timeoutError(adapter, which, wait);
    controller.abort(state.timedOut);
  };
  const arm = (phase: TimeoutPhase, ms: number) => {
    clearTimeout(state.timer);
    const remaining = deadline - performance.now();
    if (remaining <= ms) {
      state.timer = setTimeout(() => expire('total', timeouts.totalMs), Math.max(0, remaining));
      return;
    }
    state.timer = setTimeout(() => {
      if (phase !== 'idle') return expire(phase, ms);
      // Text may have come since this timer was set: wait out the rest of the idle window.
      const quiet = performance.now() - state.lastTextAt;
      if (quiet < timeouts.idleMs) arm('idle', timeouts.idleMs - quiet);
      else expire('idle', timeouts.idleMs);
    }, ms);
  };
  arm('first-token', timeouts.firstTokenMs);

  // An adapter that ignores its signal must still not hold the pane: each read races the abort.
  let wake: (() => void) | null = null;
  controller.signal.addEventListener('abort', () => wake?.(), { once: true });
  const iterator = adapter.stream(request, controller.signal)[Symbol.asyncIterator]();
  const next = () =>
    new Promise<IteratorResult<StreamPart> | typeof INTERRUPTED>((resolve, reject) => {
      if (controller.signal.aborted) return resolve(INTERRUPTED);
      wake = () => resolve(INTERRUPTED);
      iterator.next().then(resolve, reject);
    });

  let failure: ProviderError | null = null;
  let finish: FinishPart | null = null;
  try {
    while (!finish) {
      const result = await next();
      if (result === INTERRUPTED || result.done) break;
      const part = result.value;
      if (part.type === 'text-delta') {
        if (!part.text) continue;
        state.lastTextAt = performance.now();
        if (!progress.textSent) arm('idle', timeouts.idleMs);
        progress.textSent = true;
        yield part;
      } else if (part.type === 'usage') {
        yield part;
      } else if (part.type === 'error') {
        failure ??= part.error;
      } else if (part.type === 'finish') {
        finish = part;
      }
    }
  } catch (error) {
    failure ??=
      error instanceof ProviderError
        ? error
        : new ProviderError(
            adapter.id,
            'unknown',
            `${adapter.label} failed: ${error instanceof Error ? error.message : String(error)}`,
            'Retry; if it keeps failing, check the server log.',
            { cause: error },
          );
  } finally {
    clearTimeout(state.timer);
    signal.removeEventListener('abort', onCallerAbort);
    controller.abort();
    // Lets the adapter run its cleanup; it may still be busy with a read that the abort ends.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }

  if (signal.aborted) return { type: 'stopped' };
  if (state.timedOut) return { type: 'failed', error: state.timedOut };
  if (failure) return { type: 'failed', error: failure };
  if (!finish || finish.reason === 'stopped') {
    return {
      type: 'failed',
      error: new ProviderError(
        adapter.id,
        'network',
        `${adapter.label} ended the answer early, without saying why.`,
        'Retry the pane; the text received so far is kept.',
      ),
    };
  }
  if (finish.reason === 'error' || finish.reason === 'timeout') {
    return {
      type: 'failed',
      error: new ProviderError(
        adapter.id,
        'unknown',
        `${adapter.label} reported an error (${finish.providerFinishReason ?? 'no details'}).`,
        'Retry; if it keeps failing, check the server log.',
      ),
    };
  }
  return { type: 'finished', finish };
}
