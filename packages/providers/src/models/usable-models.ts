import type { ErrorContext } from '../errors/error-context';
import { ProviderError } from '../errors/provider-error';

/**
 * Keeps the models of a provider's list that can chat. A provider that answers but offers none is
 * a problem to show, not a healthy provider with an empty group: this throws a ProviderError
 * saying so (with how many models it did list), which the registry reports as the provider's
 * state and reason.
 */
export function usableModels<T>(
  ctx: ErrorContext,
  listed: readonly T[],
  canChat: (model: T) => boolean,
): T[] {
  const usable = listed.filter(canChat);
  if (usable.length > 0) return usable;
  const what =
    listed.length === 0
      ? `${ctx.label} answered, but lists no models.`
      : `${ctx.label} answered, but none of its ${listed.length} models can generate text.`;
  throw new ProviderError(
    ctx.providerId,
    'upstream_unavailable',
    what,
    ctx.fixModels ?? `Check which models ${ctx.label} offers to this server.`,
    {
      retryable: false,
    },
  );
}
