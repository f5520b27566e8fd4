import type { ErrorContext } from '../errors/error-context';
import { toProviderError } from '../errors/to-provider-error';
import type { HealthResult } from '../types';

/** Runs a provider's cheap check and reports it as a HealthResult: never throws. */
export async function measureHealth(
  ctx: ErrorContext,
  check: () => Promise<unknown>,
): Promise<HealthResult> {
  const started = performance.now();
  try {
    await check();
    return { ok: true, latencyMs: Math.round(performance.now() - started), error: null };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: toProviderError(ctx, error).message,
    };
  }
}
