import type { ProviderError } from '../errors/provider-error';
import type { RetryPolicy } from '../types';

/**
 * How long to wait before retry number `attempt` (1-based): the provider's retry-after when it
 * sent one, else exponential backoff with full jitter (a uniform pick in [0, base·2^(attempt-1)],
 * capped), which spreads the retries of many panes hitting the same limit.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  error: ProviderError,
  random: () => number,
): number {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
