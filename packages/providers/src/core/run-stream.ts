import { ProviderError } from './provider-error';
import type { ProviderAdapter, RetryPolicy, StreamPart, StreamRequest, Timeouts } from './types';

export interface RunStreamOptions {
  signal: AbortSignal;
  timeouts: Timeouts;
  retry: RetryPolicy;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/** Exponential backoff with full jitter, unless the provider said how long to wait. */
export function backoffMs(attempt: number, policy: RetryPolicy, error: ProviderError, random: () => number): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxDelayMs);
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * The adapter's stream with the workspace's rules: retries only before the first token (and only
 * for retryable kinds), first-token / idle / total timeouts, and exactly one finish part at the end.
 */
export async function* runStream(adapter: ProviderAdapter, request: StreamRequest, options: RunStreamOptions): AsyncGenerator<StreamPart> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const { timeouts } = options;
  const started = Date.now();
  let sentText = false;

  for (let attempt = 0; ; attempt += 1) {
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort();
    options.signal.addEventListener('abort', onCallerAbort, { once: true });
    let timedOut: ProviderError | null = null;
    let timer: Timer | null = null;
    const arm = (ms: number, what: string, variable: string) => {
      if (timer) clearTimeout(timer);
      const remaining = timeouts.totalMs - (Date.now() - started);
      const [wait, reason, name] = remaining < ms ? [remaining, 'the whole answer', 'STREAM_TOTAL_TIMEOUT_MS'] : [ms, what, variable];
      timer = setTimeout(() => {
        timedOut = new ProviderError(adapter.id, 'timeout', `${adapter.label} took longer than ${wait} ms for ${reason}.`, `Retry, or raise ${name} if this model is slow.`, {
          retryable: !sentText,
        });
        controller.abort();
      }, Math.max(0, wait));
    };
    arm(timeouts.firstTokenMs, 'the first token', 'STREAM_FIRST_TOKEN_TIMEOUT_MS');

    let failure: ProviderError | null = null;
    let finished: StreamPart | null = null;
    try {
      for await (const part of adapter.stream(request, controller.signal)) {
        if (part.type === 'text-delta') {
          sentText = true;
          arm(timeouts.idleMs, 'the next token', 'STREAM_IDLE_TIMEOUT_MS');
          yield part;
        } else if (part.type === 'usage') {
          yield part;
        } else if (part.type === 'error') {
          failure = part.error;
        } else if (part.type === 'finish') {
          finished = part;
          break;
        }
      }
    } catch (error) {
      failure = error instanceof ProviderError ? error : new ProviderError(adapter.id, 'unknown', error instanceof Error ? error.message : String(error), 'Retry the pane.', { cause: error });
    } finally {
      if (timer) clearTimeout(timer);
      options.signal.removeEventListener('abort', onCallerAbort);
      controller.abort();
    }

    if (options.signal.aborted) {
      yield { type: 'finish', reason: 'stopped', providerFinishReason: null };
      return;
    }
    if (timedOut) failure = timedOut;
    if (!failure && finished?.type === 'finish' && finished.reason !== 'stopped') {
      yield finished;
      return;
    }
    failure ??= new ProviderError(adapter.id, 'network', `${adapter.label} ended the stream early.`, 'Retry the pane.');
    if (!sentText && failure.retryable && attempt < options.retry.maxRetries) {
      const delayMs = backoffMs(attempt + 1, options.retry, failure, random);
      yield { type: 'retry', attempt: attempt + 1, delayMs, error: failure };
      await sleep(delayMs, options.signal);
      if (options.signal.aborted) {
        yield { type: 'finish', reason: 'stopped', providerFinishReason: null };
        return;
      }
      continue;
    }
    yield { type: 'error', error: failure };
    yield { type: 'finish', reason: failure.kind === 'timeout' ? 'timeout' : 'error', providerFinishReason: null };
    return;
  }
}
