import type { Usage } from '@mlb/contracts';
import { calcPrice } from '@pydantic/genai-prices';
import { z } from 'zod';

export const priceOverridesSchema = z.record(
  z.string().regex(/^[^/]+\/.+$/, 'keys are "<provider>/<model>"'),
  z.object({ input: z.number().nonnegative(), output: z.number().nonnegative(), cachedInput: z.number().nonnegative().optional() }),
);
export type PriceOverrides = z.infer<typeof priceOverridesSchema>;

/** Our provider ids as the price database names them; others (LiteLLM, custom) match on the model alone. */
const PRICE_PROVIDER: Record<string, string> = { google: 'google', groq: 'groq', openai: 'openai', anthropic: 'anthropic' };
/** Local and simulated models cost nothing. */
const FREE = new Set(['demo', 'ollama']);

/**
 * USD for one answer: an override from MODEL_PRICES wins, then the maintained price database
 * (@pydantic/genai-prices). Unknown → null: never a guessed number.
 */
export function priceOf(overrides: PriceOverrides, providerId: string, modelId: string, usage: Usage): number | null {
  if (FREE.has(providerId)) return 0;
  const override = overrides[`${providerId}/${modelId}`];
  if (override) {
    const cached = usage.cachedTokens ?? 0;
    const cachedRate = override.cachedInput ?? override.input;
    return ((usage.inputTokens - cached) * override.input + cached * cachedRate + usage.outputTokens * override.output) / 1_000_000;
  }
  const tokens = { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens, ...(usage.cachedTokens ? { cache_read_tokens: usage.cachedTokens } : {}) };
  const providerIdForPrices = PRICE_PROVIDER[providerId];
  try {
    const result = calcPrice(tokens, modelId, providerIdForPrices ? { providerId: providerIdForPrices } : {});
    if (result) return result.total_price;
    // LiteLLM model names are often "provider/model".
    const bare = modelId.includes('/') ? modelId.slice(modelId.lastIndexOf('/') + 1) : null;
    return bare ? (calcPrice(tokens, bare)?.total_price ?? null) : null;
  } catch {
    return null;
  }
}

/** Price per million tokens for the model picker, when known. */
export function listPrice(overrides: PriceOverrides, providerId: string, modelId: string): { input: number; output: number } | null {
  if (FREE.has(providerId)) return { input: 0, output: 0 };
  const million = priceOf(overrides, providerId, modelId, { inputTokens: 1_000_000, outputTokens: 0 });
  const out = priceOf(overrides, providerId, modelId, { inputTokens: 0, outputTokens: 1_000_000 });
  return million === null || out === null ? null : { input: million, output: out };
}
