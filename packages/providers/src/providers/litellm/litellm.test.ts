import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LITELLM_CHAT_MODEL_IDS, LITELLM_MODELS, startFakeUpstream } from '@mlb/test-support';

import { ask, collect } from '../../../test/collect';
import {
  describeWireConformance,
  NOWHERE,
  startHarness,
  TEST_KEY,
  type ConformanceCase,
  type Harness,
} from '../../../test/wire-conformance';
import { createProviderRegistry } from '../../registry/create-registry';
import { parseProvidersEnv } from '../../registry/env';

const litellmCase: ConformanceCase = {
  providerId: 'litellm',
  flavor: 'litellm',
  model: 'gpt-4o-mini',
  env: (fake) => ({ LITELLM_BASE_URL: fake.baseUrl, LITELLM_MASTER_KEY: TEST_KEY }),
  keyVariable: 'LITELLM_MASTER_KEY',
  baseUrlVariable: 'LITELLM_BASE_URL',
  reportsCachedTokens: true,
  checkRequest: (request) => {
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    // Without include_usage a LiteLLM proxy sends no token counts.
    expect(request.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
    });
  },
};

describeWireConformance(litellmCase);

describe('litellm specifics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(litellmCase);
  });
  afterAll(() => h.fake.close());

  it('checks health at /health/liveliness, at the proxy root', async () => {
    h.fake.reset();
    expect(await h.adapter.health()).toMatchObject({ ok: true });
    expect(h.fake.requests.map((r) => r.path)).toEqual(['/health/liveliness']);
  });

  it('works with a proxy that needs no key, configured by its address alone, at its root URL', async () => {
    const open = await startFakeUpstream({ flavor: 'litellm' });
    try {
      const registry = createProviderRegistry(
        parseProvidersEnv({ LITELLM_BASE_URL: open.url, OLLAMA_BASE_URL: NOWHERE }),
      );
      expect(registry.list().find((p) => p.id === 'litellm')).toMatchObject({
        configured: true,
        hint: null,
      });
      const adapter = registry.require('litellm');
      const run = await collect(adapter, ask('claude-3-5-haiku'), h.options());
      expect(run.text).toBe('claude-3-5-haiku answers: say hi');
      expect(open.requests.at(-1)).toMatchObject({ path: '/chat/completions' });
      expect(open.requests.at(-1)!.headers.authorization).toBeUndefined();
      // The recorded list routes to Whisper and an embedding model too; those are left out.
      expect((await adapter.listModels()).map((m) => m.id)).toEqual(LITELLM_CHAT_MODEL_IDS);
      expect(LITELLM_MODELS.data.map((m) => m.id)).toContain('groq/whisper-large-v3');
    } finally {
      await open.close();
    }
  });

  it('prices proxied models by name, and models it does not know as unknown', () => {
    expect(
      h.registry.price('litellm', 'gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 }),
    ).toBeCloseTo(0.15, 6);
    expect(
      h.registry.price('litellm', 'openai/gpt-4o-mini', {
        inputTokens: 1_000_000,
        outputTokens: 0,
      }),
    ).toBeCloseTo(0.15, 6);
    expect(
      h.registry.price('litellm', 'team-private-model', { inputTokens: 10, outputTokens: 10 }),
    ).toBeNull();
  });
});
