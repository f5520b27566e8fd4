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
    // The attempt's parts are read here rather than through a nested generator: every token
    // passes this loop, and each generator layer costs it a few promise turns.
    const current = new Attempt(adapter, request, options, deadline, progress);
    try {
      for (;;) {
        const part = await current.next();
        if (part === null) break;
        yield part;
      }
    } finally {
      current.close();
    }
    const outcome = current.outcome();
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

/**
 * One call of the adapter under the timeouts: `next()` gives the parts to pass on (text and
 * usage) until the attempt ends, then `outcome()` says how.
 */
class Attempt {
  private readonly controller = new AbortController();
  private readonly onCallerAbort = () => this.controller.abort(this.options.signal.reason);
  private timedOut: ProviderError | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last text arrived; the idle timer checks it instead of being re-armed per token. */
  private lastTextAt = 0;
  private failure: ProviderError | null = null;
  private finish: FinishPart | null = null;
  private ended = false;
  private closed = false;
  private readonly iterator: AsyncIterator<StreamPart> | null = null;
  /** The attempt's own signal has aborted (kept as a field: a signal's getter costs more, per part). */
  private aborted = false;
  /** Settles a pending read as interrupted: an adapter that ignores its signal must still not hold the pane. */
  private interrupt: (() => void) | null = null;

  constructor(
    private readonly adapter: ProviderAdapter,
    request: StreamRequest,
    private readonly options: RunStreamOptions,
    private readonly deadline: number,
    private readonly progress: { textSent: boolean },
  ) {
    const { signal, timeouts } = options;
    if (signal.aborted) {
      this.ended = true;
      return;
    }
    signal.addEventListener('abort', this.onCallerAbort, { once: true });
    this.arm('first-token', timeouts.firstTokenMs);
    this.controller.signal.addEventListener(
      'abort',
      () => {
        this.aborted = true;
        this.interrupt?.();
      },
      { once: true },
    );
    this.iterator = adapter.stream(request, this.controller.signal)[Symbol.asyncIterator]();
  }

  /** The next part to pass on, or null once the attempt has ended. */
  async next(): Promise<StreamPart | null> {
    const iterator = this.iterator;
    while (!this.ended && iterator) {
      let result: IteratorResult<StreamPart> | typeof INTERRUPTED;
      try {
        result = await this.read(iterator);
      } catch (error) {
        this.failure ??=
          error instanceof ProviderError
            ? error
            : new ProviderError(
                this.adapter.id,
                'unknown',
                `${this.adapter.label} failed: ${error instanceof Error ? error.message : String(error)}`,
                'Retry; if it keeps failing, check the server log.',
                { cause: error },
              );
        break;
      }
      if (result === INTERRUPTED || result.done) break;
      const part = result.value;
      if (part.type === 'text-delta') {
        if (!part.text) continue;
        this.lastTextAt = performance.now();
        if (!this.progress.textSent) this.arm('idle', this.options.timeouts.idleMs);
        this.progress.textSent = true;
        return part;
      }
      if (part.type === 'usage') return part;
      if (part.type === 'error') this.failure ??= part.error;
      else if (part.type === 'finish') {
        this.finish = part;
        break;
      }
    }
    this.ended = true;
    return null;
  }

  private read(
    iterator: AsyncIterator<StreamPart>,
  ): Promise<IteratorResult<StreamPart> | typeof INTERRUPTED> {
    if (this.aborted) return Promise.resolve(INTERRUPTED);
    return new Promise((resolve, reject) => {
      this.interrupt = () => resolve(INTERRUPTED);
      iterator.next().then(resolve, reject);
    });
  }

  /** Stops the timers and the adapter (also when the consumer stopped reading early). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ended = true;
    clearTimeout(this.timer);
    this.options.signal.removeEventListener('abort', this.onCallerAbort);
    this.controller.abort();
    // Lets the adapter run its cleanup; it may still be busy with a read that the abort ends.
    if (this.iterator) void Promise.resolve(this.iterator.return?.()).catch(() => undefined);
  }

  outcome(): Outcome {
    const { adapter, finish } = this;
    if (this.options.signal.aborted) return { type: 'stopped' };
    if (this.timedOut) return { type: 'failed', error: this.timedOut };
    if (this.failure) return { type: 'failed', error: this.failure };
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

  private expire(which: TimeoutPhase, wait: number): void {
    this.timedOut = timeoutError(this.adapter, which, wait);
    this.controller.abort(this.timedOut);
  }

  private arm(phase: TimeoutPhase, ms: number): void {
    const { timeouts } = this.options;
    clearTimeout(this.timer);
    const remaining = this.deadline - performance.now();
    if (remaining <= ms) {
      this.timer = setTimeout(() => this.expire('total', timeouts.totalMs), Math.max(0, remaining));
      return;
    }
    this.timer = setTimeout(() => {
      if (phase !== 'idle') return this.expire(phase, ms);
      // Text may have come since this timer was set: wait out the rest of the idle window.
      const quiet = performance.now() - this.lastTextAt;
      if (quiet < timeouts.idleMs) this.arm('idle', timeouts.idleMs - quiet);
      else this.expire('idle', timeouts.idleMs);
    }, ms);
  }
}
