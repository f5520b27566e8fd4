import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';

import { linearPrice } from './linear-price';
import { createPricing } from './pricing';

const MODELS: [string, string][] = [
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4o'],
  ['groq', 'llama-3.1-8b-instant'],
  ['google', 'gemini-2.0-flash'],
  ['google', 'gemini-2.5-pro'], // tiered: above 200k input tokens it costs more
  ['anthropic', 'claude-haiku-4-5'],
  ['anthropic', 'claude-sonnet-4-5'], // tiered too
];
const USAGES = [
  { inputTokens: 12, outputTokens: 3 },
  { inputTokens: 1_500, outputTokens: 700, cachedTokens: 1_000 },
  { inputTokens: 250_000, outputTokens: 9_000 },
  { inputTokens: 300_000, outputTokens: 40_000, cachedTokens: 120_000 },
];

describe('prices as a formula', () => {
  it('gives what genai-prices gives, for linear and tiered models, with and without cache reads', () => {
    const pricing = createPricing({});
    for (const [providerId, modelId] of MODELS)
      for (const usage of USAGES) {
        // Twice: the first call learns the formula, the second uses it.
        for (let i = 0; i < 2; i++) {
          const expected = calcPrice(
            {
              input_tokens: usage.inputTokens,
              output_tokens: usage.outputTokens,
              ...(usage.cachedTokens ? { cache_read_tokens: usage.cachedTokens } : {}),
            },
            modelId,
            { providerId },
          )!.total_price;
          const got = pricing.cost(providerId, modelId, usage)!;
          expect(Math.abs(got - expected), `${providerId}/${modelId}`).toBeLessThanOrEqual(
            1e-12 + 1e-9 * expected,
          );
        }
      }
  });

  it('is no formula for a tiered model', () => {
    const found = calcPrice({ input_tokens: 1, output_tokens: 1 }, 'gemini-2.5-pro', {
      providerId: 'google',
    })!;
    expect(
      linearPrice(found, (u) => calcPrice({ ...u }, 'gemini-2.5-pro', { providerId: 'google' })),
    ).toBeNull();
  });

  it('reads a linear model’s rates per token', () => {
    const found = calcPrice({ input_tokens: 1, output_tokens: 1 }, 'gpt-4o-mini', {
      providerId: 'openai',
    })!;
    const rates = linearPrice(found, (u) =>
      calcPrice({ ...u }, 'gpt-4o-mini', { providerId: 'openai' }),
    );
    expect(rates).not.toBeNull();
    expect(rates!.input * 1e6).toBeCloseTo(0.15, 9);
    expect(rates!.output * 1e6).toBeCloseTo(0.6, 9);
  });
});
