import { describe, expect, it } from 'vitest';

import { createPricing } from './pricing';

describe('pricing', () => {
  const pricing = createPricing({
    'litellm/house-model': { input: 1, output: 2, cachedInput: 0.5 },
    'openai/gpt-4o-mini': { input: 10, output: 20 },
  });

  it('prices known models from genai-prices', () => {
    expect(
      pricing.cost('groq', 'llama-3.1-8b-instant', {
        inputTokens: 1_000_000,
        outputTokens: 1_000_000,
      }),
    ).toBeCloseTo(0.13, 6);
    expect(
      pricing.cost('google', 'gemini-2.0-flash', { inputTokens: 1_000_000, outputTokens: 0 }),
    ).toBeCloseTo(0.1, 6);
    expect(
      pricing.cost('anthropic', 'claude-haiku-4-5', { inputTokens: 0, outputTokens: 1_000_000 }),
    ).toBeCloseTo(5, 6);
  });

  it('lets MODEL_PRICES win, cached input at its own rate', () => {
    // 600k uncached × $1 + 400k cached × $0.5 + 1M out × $2
    expect(
      pricing.cost('litellm', 'house-model', {
        inputTokens: 1_000_000,
        outputTokens: 1_000_000,
        cachedTokens: 400_000,
      }),
    ).toBeCloseTo(0.6 + 0.2 + 2, 6);
    expect(
      pricing.cost('openai', 'gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 }),
    ).toBeCloseTo(10, 6);
    expect(pricing.listing('litellm', 'house-model')).toEqual({
      inputPricePerMTok: 1,
      outputPricePerMTok: 2,
    });
  });

  it('says null for a model nobody knows, and 0 for local and simulated ones', () => {
    expect(
      pricing.cost('litellm', 'secret-model', { inputTokens: 10, outputTokens: 10 }),
    ).toBeNull();
    expect(
      pricing.cost('groq', 'not-a-groq-model', { inputTokens: 10, outputTokens: 10 }),
    ).toBeNull();
    expect(pricing.listing('vllm', 'secret-model')).toEqual({});
    expect(pricing.cost('demo', 'demo-fast', { inputTokens: 10, outputTokens: 10 })).toBe(0);
    expect(pricing.cost('ollama', 'llama3.2:1b', { inputTokens: 10, outputTokens: 10 })).toBe(0);
  });

  it('matches "vendor/model" names of proxies, and lists tiered prices at their base', () => {
    expect(
      pricing.cost('openrouter', 'openai/gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 }),
    ).toBeGreaterThan(0);
    expect(
      pricing.cost('vllm', 'anthropic/claude-haiku-4-5', {
        inputTokens: 1_000_000,
        outputTokens: 0,
      }),
    ).toBeCloseTo(1, 6);
    expect(pricing.listing('google', 'gemini-2.5-pro')).toMatchObject({
      inputPricePerMTok: 1.25,
      outputPricePerMTok: 10,
    });
  });
});
