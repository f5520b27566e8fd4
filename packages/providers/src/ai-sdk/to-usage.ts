import type { LanguageModelV3Usage } from '@ai-sdk/provider';

import type { Usage } from '@mlb/contracts';

/** The provider's usage as ours; null when it reported none (we never estimate). */
export function toUsage(usage: LanguageModelV3Usage): Usage | null {
  const input = usage.inputTokens.total;
  const output = usage.outputTokens.total;
  if (input === undefined && output === undefined) return null;
  const cached = usage.inputTokens.cacheRead;
  const reasoning = usage.outputTokens.reasoning;
  return {
    // The provider packages count input with cache reads and writes included, for every provider.
    inputTokens: input ?? 0,
    outputTokens: output ?? 0,
    ...(cached ? { cachedTokens: cached } : {}),
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  };
}
