import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';

import type { Usage } from '@mlb/contracts';

import { LiveCost } from './live-cost';

/** $1 per million input tokens, $2 per million output tokens. */
const price = (usage: Usage) => (usage.inputTokens + 2 * usage.outputTokens) / 1e6;
const history = [{ role: 'user' as const, content: 'What is the capital of France?' }];
// OpenAI's count for chat messages: 3 tokens around each message, 3 priming the reply.
const inputTokens = 3 + countTokens('What is the capital of France?') + 3;

describe('LiveCost', () => {
  it('prices the input once and every output token after it', () => {
    const cost = new LiveCost(price, history);
    expect(cost.inputTokens).toBe(inputTokens);
    expect(cost.at(0)).toBeCloseTo(inputTokens / 1e6, 15);
    expect(cost.at(250)).toBeCloseTo((inputTokens + 500) / 1e6, 15);
  });

  it('follows a price that depends on the input’s size', () => {
    // Like Gemini's long-prompt tier: output costs double above 5 input tokens.
    const tiered = (u: Usage) =>
      (u.inputTokens + (u.inputTokens > 5 ? 4 : 2) * u.outputTokens) / 1e6;
    expect(new LiveCost(tiered, history).at(10)).toBeCloseTo((inputTokens + 40) / 1e6, 15);
  });

  it('knows no cost for a model without a price, and a free model costs nothing, both without counting', () => {
    const huge = [{ role: 'user' as const, content: 'word '.repeat(100_000) }];
    const unknown = new LiveCost(() => null, huge);
    expect(unknown.at(0)).toBeNull();
    expect(unknown.rates()).toBeNull();
    const free = new LiveCost(() => 0, huge);
    expect(free.at(1000)).toBe(0);
    expect(free).toHaveProperty('counted', undefined);
  });
});
