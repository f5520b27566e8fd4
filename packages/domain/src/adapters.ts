import { ProviderError, type ProviderAdapter } from '@mlb/providers';

import type { DomainContext } from './context';
import { DomainError } from './errors';

/** Resolves every provider up front, so a request naming an unusable one changes nothing. */
export function requireAdapters(
  ctx: DomainContext,
  providerIds: string[],
): Map<string, ProviderAdapter> {
  const adapters = new Map<string, ProviderAdapter>();
  for (const id of new Set(providerIds)) {
    try {
      adapters.set(id, ctx.registry.require(id));
    } catch (error) {
      if (error instanceof ProviderError) {
        const code = error.kind === 'not_configured' ? 'PRECONDITION_FAILED' : 'BAD_REQUEST';
        throw new DomainError(code, error.message, error.suggestion);
      }
      throw error;
    }
  }
  return adapters;
}
