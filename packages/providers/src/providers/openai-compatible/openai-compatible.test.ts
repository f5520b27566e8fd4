import { describe, expect, it } from 'vitest';

import { startFakeUpstream } from '@mlb/test-support';

import { ask, collect } from '../../../test/collect';
import {
  describeWireConformance,
  NOWHERE,
  TEST_KEY,
  type ConformanceCase,
} from '../../../test/wire-conformance';
import { createProviderRegistry } from '../../registry/create-registry';
import { parseProvidersEnv } from '../../registry/env';

const vllmCase: ConformanceCase = {
  providerId: 'vllm',
  flavor: 'openai',
  model: 'gpt-4o-mini',
  env: (fake) => ({
    OPENAI_COMPATIBLE_PROVIDERS: JSON.stringify([
      { id: 'vllm', label: 'vLLM', baseUrl: fake.baseUrl, apiKey: TEST_KEY },
    ]),
  }),
  keyVariable: 'OPENAI_COMPATIBLE_PROVIDERS',
  baseUrlVariable: 'OPENAI_COMPATIBLE_PROVIDERS',
  reportsCachedTokens: true,
  checkRequest: (request) => {
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(request.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
    });
  },
};

describeWireConformance(vllmCase);

describe('custom OpenAI-compatible providers', () => {
  it('serve a fixed model list and stay healthy on an endpoint without /models', async () => {
    const fake = await startFakeUpstream({ flavor: 'openai', models: ['house-model'] });
    try {
      const env = JSON.stringify([
        {
          id: 'house',
          label: 'House LLM',
          baseUrl: `${fake.url}/nowhere-v1`,
          models: ['house-model'],
        },
        { id: 'lmstudio', baseUrl: fake.baseUrl },
      ]);
      const registry = createProviderRegistry(
        parseProvidersEnv({
          OPENAI_COMPATIBLE_PROVIDERS: env,
          OLLAMA_BASE_URL: NOWHERE,
          MODEL_PRICES: JSON.stringify({ 'house/house-model': { input: 2, output: 4 } }),
        }),
      );
      expect(
        registry
          .list()
          .filter(
            (p) =>
              !['demo', 'litellm', 'google', 'groq', 'openai', 'anthropic', 'ollama'].includes(
                p.id,
              ),
          ),
      ).toEqual([
        { id: 'house', label: 'House LLM', configured: true, simulated: false, hint: null },
        { id: 'lmstudio', label: 'lmstudio', configured: true, simulated: false, hint: null },
      ]);
      const house = registry.require('house');
      expect(await house.listModels()).toEqual([
        {
          providerId: 'house',
          id: 'house-model',
          label: 'house-model',
          inputPricePerMTok: 2,
          outputPricePerMTok: 4,
          simulated: false,
        },
      ]);
      expect(await house.health()).toMatchObject({ ok: true });
      expect(
        registry.price('house', 'house-model', { inputTokens: 500_000, outputTokens: 250_000 }),
      ).toBeCloseTo(2, 6);

      const run = await collect(registry.require('lmstudio'), ask('house-model'), {
        timeouts: { connectMs: 5000, firstTokenMs: 5000, idleMs: 5000, totalMs: 10_000 },
        retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 100 },
      });
      expect(run.text).toBe('house-model answers: say hi');
    } finally {
      await fake.close();
    }
  });

  it('name their own entry in the suggestions', async () => {
    const env = JSON.stringify([{ id: 'gone', baseUrl: NOWHERE, apiKey: 'x' }]);
    const registry = createProviderRegistry(
      parseProvidersEnv({ OPENAI_COMPATIBLE_PROVIDERS: env, OLLAMA_BASE_URL: NOWHERE }),
    );
    const health = await registry.require('gone').health();
    expect(health.ok).toBe(false);
    const run = await collect(registry.require('gone'), ask('m'), {
      timeouts: { connectMs: 5000, firstTokenMs: 5000, idleMs: 5000, totalMs: 10_000 },
      retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 100 },
    });
    expect(run.error).toMatchObject({ kind: 'network', providerId: 'gone' });
    expect(run.error?.suggestion).toContain('baseUrl of "gone" in OPENAI_COMPATIBLE_PROVIDERS');
  });
});
