import type { Usage } from '@mlb/contracts';
import type { LanguageModelUsage } from 'ai';

/** The SDK's usage as ours; null when the provider reported none (we never estimate). */
export function toUsage(usage: LanguageModelUsage): Usage | null {
  if (usage.inputTokens === undefined && usage.outputTokens === undefined) return null;
  const cached = usage.inputTokenDetails.cacheReadTokens;
  const reasoning = usage.outputTokenDetails.reasoningTokens;
  return {
    // The SDK counts input with cache reads and writes included, for every provider.
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    ...(cached ? { cachedTokens: cached } : {}),
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  };
}
