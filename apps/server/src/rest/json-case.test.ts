import { describe, expect, it } from 'vitest';

import { camelCase, snakeCase, toCamelCase, toSnakeCase } from './json-case';

describe('snake_case at the edge', () => {
  it('names the contracts’ fields as the original API did, all the way down', () => {
    const event = {
      paneId: 'p1',
      data: { tokensUsed: 12, cost: null, ttftMs: 3, list: [{ providerId: 'groq' }] },
    };
    expect(toSnakeCase(event)).toEqual({
      pane_id: 'p1',
      data: { tokens_used: 12, cost: null, ttft_ms: 3, list: [{ provider_id: 'groq' }] },
    });
  });

  it('reads the original’s bodies in the contracts’ names, leaving values alone', () => {
    expect(
      toCamelCase({
        session_id: 'test-session',
        models: [{ provider_id: 'litellm', model_id: 'gpt_3', params: { max_tokens: 5 } }],
      }),
    ).toEqual({
      sessionId: 'test-session',
      models: [{ providerId: 'litellm', modelId: 'gpt_3', params: { maxTokens: 5 } }],
    });
  });

  it('round-trips every name the contracts use', () => {
    for (const name of ['sessionId', 'lastEventId', 'inputPricePerMTok', 'p50', 'tokensUsed'])
      expect(camelCase(snakeCase(name))).toBe(name);
  });
});
