import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OLLAMA_TAGS, startFakeUpstream } from '@mlb/test-support';

import {
  describeWireConformance,
  NOWHERE,
  startHarness,
  type ConformanceCase,
  type Harness,
} from '../../../test/wire-conformance';
import { createProviderRegistry } from '../../registry/create-registry';
import { parseProvidersEnv } from '../../registry/env';

const ollamaCase: ConformanceCase = {
  providerId: 'ollama',
  flavor: 'ollama',
  model: 'qwen2.5:7b',
  env: (fake) => ({ OLLAMA_BASE_URL: fake.url }),
  authenticated: false,
  // Ollama needs no key: a 401 could only come from a proxy in front of it.
  keyVariable: 'OLLAMA_BASE_URL',
  baseUrlVariable: 'OLLAMA_BASE_URL',
  reportsCachedTokens: true,
  checkRequest: (request) => {
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toMatchObject({
      model: 'qwen2.5:7b',
      stream: true,
      stream_options: { include_usage: true },
    });
  },
};

describeWireConformance(ollamaCase);

describe('ollama specifics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(ollamaCase);
  });
  afterAll(() => h.fake.close());

  it('lists chat models from /api/tags with their sizes, free of charge, and checks /api/version', async () => {
    h.fake.reset();
    // The recorded tags hold an embedding model (nomic-embed-text), which cannot chat.
    expect(OLLAMA_TAGS.models.map((m) => m.name)).toContain('nomic-embed-text:latest');
    expect(await h.adapter.listModels()).toEqual([
      {
        providerId: 'ollama',
        id: 'hermes3:3b',
        label: 'hermes3:3b (3.2B)',
        inputPricePerMTok: 0,
        outputPricePerMTok: 0,
        simulated: false,
      },
      {
        providerId: 'ollama',
        id: 'qwen2.5:7b',
        label: 'qwen2.5:7b (7.6B)',
        inputPricePerMTok: 0,
        outputPricePerMTok: 0,
        simulated: false,
      },
    ]);
    expect((await h.adapter.health()).ok).toBe(true);
    expect(h.fake.requests.map((r) => r.path)).toEqual(['/api/tags', '/api/version']);
    expect(
      h.registry.price('ollama', 'qwen2.5:7b', { inputTokens: 1000, outputTokens: 1000 }),
    ).toBe(0);
  });

  it('is enabled only while /api/version answers, detected at startup and on refresh', async () => {
    const fake = await startFakeUpstream({ flavor: 'ollama' });
    const port = new URL(fake.url).port;
    await fake.close();
    const registry = createProviderRegistry(
      parseProvidersEnv({ OLLAMA_BASE_URL: `http://127.0.0.1:${port}` }),
    );
    const down = await registry.models();
    expect(down.find((m) => m.provider.id === 'ollama')).toMatchObject({
      models: [],
      provider: { state: 'not_configured', hint: expect.stringContaining('Start Ollama') },
    });
    expect(() => registry.require('ollama')).toThrow(/not configured/);

    const up = await startFakeUpstream({ flavor: 'ollama', port: Number(port) });
    try {
      expect(
        (await registry.models()).find((m) => m.provider.id === 'ollama')?.provider.state,
      ).toBe('not_configured');
      const refreshed = await registry.models({ refresh: true });
      expect(refreshed.find((m) => m.provider.id === 'ollama')).toMatchObject({
        provider: { state: 'healthy', configured: true },
        models: [{ id: 'hermes3:3b' }, { id: 'qwen2.5:7b' }],
      });
      expect(registry.require('ollama').id).toBe('ollama');
    } finally {
      await up.close();
    }
    expect(NOWHERE).toMatch(/^http/);
  });
});
