import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GROQ_CHAT_MODEL_IDS, startFakeUpstream, type FakeUpstream } from '@mlb/test-support';

import { NOWHERE } from '../../test/wire-conformance';
import { ProviderError } from '../errors/provider-error';
import { createProviderRegistry } from './create-registry';
import { parseProvidersEnv } from './env';

const registryFor = (env: Record<string, string> = {}) =>
  createProviderRegistry(parseProvidersEnv({ OLLAMA_BASE_URL: NOWHERE, ...env }));

function thrown(run: () => unknown): ProviderError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('provider registry', () => {
  it('lists every provider, demo first, with a hint for each unconfigured one', () => {
    expect(registryFor().list()).toEqual([
      { id: 'demo', label: 'Demo (simulated)', configured: true, simulated: true, hint: null },
      {
        id: 'litellm',
        label: 'LiteLLM',
        configured: false,
        simulated: false,
        hint: 'Set LITELLM_BASE_URL (e.g. http://localhost:4000) and, if your proxy needs one, LITELLM_MASTER_KEY in .env.',
      },
      {
        id: 'google',
        label: 'Google Gemini',
        configured: false,
        simulated: false,
        hint: 'Set GOOGLE_API_KEY in .env and restart the server.',
      },
      {
        id: 'groq',
        label: 'Groq',
        configured: false,
        simulated: false,
        hint: 'Set GROQ_API_KEY in .env and restart the server.',
      },
      {
        id: 'openai',
        label: 'OpenAI',
        configured: false,
        simulated: false,
        hint: 'Set OPENAI_API_KEY in .env and restart the server.',
      },
      {
        id: 'anthropic',
        label: 'Anthropic',
        configured: false,
        simulated: false,
        hint: 'Set ANTHROPIC_API_KEY in .env and restart the server.',
      },
      {
        id: 'ollama',
        label: 'Ollama',
        configured: false,
        simulated: false,
        hint: `Start Ollama (looked for at ${NOWHERE}) or set OLLAMA_BASE_URL in .env.`,
      },
    ]);
  });

  it('hides the demo provider when DEMO_PROVIDER=false, and turns LiteLLM on with a key alone', () => {
    const registry = registryFor({ DEMO_PROVIDER: 'false', LITELLM_MASTER_KEY: 'sk-1' });
    expect(registry.list().map((p) => p.id)).not.toContain('demo');
    expect(registry.get('litellm')?.id).toBe('litellm');
    expect(registry.get('groq')).toBeUndefined();
  });

  it('refuses unconfigured and unknown providers with what to do', () => {
    const registry = registryFor();
    expect(thrown(() => registry.require('groq'))).toMatchObject({
      kind: 'not_configured',
      message: 'Groq is not configured.',
      suggestion: 'Set GROQ_API_KEY in .env and restart the server.',
    });
    const unknown = thrown(() => registry.require('nope'));
    expect(unknown).toMatchObject({ kind: 'bad_request', message: 'There is no provider "nope".' });
    expect(unknown.suggestion).toBe(
      'Use one of: demo, litellm, google, groq, openai, anthropic, ollama.',
    );
  });

  it('reports health: demo healthy, unconfigured ones with their hint', async () => {
    const health = await registryFor().health();
    expect(health.map((s) => s.id)).toEqual([
      'demo',
      'litellm',
      'google',
      'groq',
      'openai',
      'anthropic',
      'ollama',
    ]);
    expect(health[0]).toMatchObject({
      id: 'demo',
      state: 'healthy',
      configured: true,
      simulated: true,
    });
    expect(health.find((s) => s.id === 'groq')).toEqual({
      id: 'groq',
      label: 'Groq',
      configured: false,
      state: 'not_configured',
      latencyMs: null,
      checkedAt: null,
      lastError: null,
      hint: 'Set GROQ_API_KEY in .env and restart the server.',
      simulated: false,
    });
  });

  it('exposes the timeouts and retry policy from the environment', () => {
    const registry = registryFor({
      STREAM_CONNECT_TIMEOUT_MS: '1',
      STREAM_FIRST_TOKEN_TIMEOUT_MS: '2',
      STREAM_IDLE_TIMEOUT_MS: '3',
      STREAM_TOTAL_TIMEOUT_MS: '4',
      STREAM_MAX_RETRIES: '5',
    });
    expect(registry.timeouts).toEqual({ connectMs: 1, firstTokenMs: 2, idleMs: 3, totalMs: 4 });
    expect(registry.retry).toEqual({ maxRetries: 5, baseDelayMs: 500, maxDelayMs: 20_000 });
  });

  it('prices answers, with MODEL_PRICES overrides and null for unknown models', () => {
    const registry = registryFor({
      MODEL_PRICES: JSON.stringify({ 'litellm/house-model': { input: 1, output: 2 } }),
    });
    expect(
      registry.price('groq', 'llama-3.1-8b-instant', {
        inputTokens: 1_000_000,
        outputTokens: 1_000_000,
      }),
    ).toBeCloseTo(0.13, 6);
    expect(
      registry.price('litellm', 'house-model', { inputTokens: 500_000, outputTokens: 250_000 }),
    ).toBeCloseTo(1, 6);
    expect(
      registry.price('litellm', 'no-such-model-anywhere', { inputTokens: 10, outputTokens: 10 }),
    ).toBeNull();
    expect(registry.price('demo', 'demo-fast', { inputTokens: 10, outputTokens: 10 })).toBe(0);
  });

  describe('models', () => {
    let groq: FakeUpstream;
    let openai: FakeUpstream;
    beforeAll(async () => {
      groq = await startFakeUpstream({ flavor: 'groq', apiKey: 'g' });
      openai = await startFakeUpstream({ flavor: 'openai', apiKey: 'o' });
    });
    afterAll(async () => {
      await groq.close();
      await openai.close();
    });
    const modelRequests = (fake: FakeUpstream) =>
      fake.requests.filter((r) => r.path.endsWith('/models')).length;

    it('caches each provider’s list for MODEL_LIST_TTL_MS, shares concurrent loads, and refreshes on demand', async () => {
      const registry = registryFor({
        GROQ_API_KEY: 'g',
        GROQ_BASE_URL: groq.baseUrl,
        MODEL_LIST_TTL_MS: '60000',
      });
      groq.reset();
      const [first] = await Promise.all([registry.models(), registry.models()]);
      expect(modelRequests(groq)).toBe(1);
      expect(first.map((p) => p.provider.id)[0]).toBe('demo');
      expect(first.find((p) => p.provider.id === 'groq')).toMatchObject({
        provider: { state: 'healthy', configured: true },
        error: null,
        models: GROQ_CHAT_MODEL_IDS.map((id) => ({ id })),
      });
      expect(first.find((p) => p.provider.id === 'demo')?.models.map((m) => m.id)).toEqual([
        'demo-fast',
        'demo-balanced',
        'demo-slow',
      ]);
      expect(first.find((p) => p.provider.id === 'openai')).toMatchObject({
        provider: {
          state: 'not_configured',
          hint: 'Set OPENAI_API_KEY in .env and restart the server.',
        },
        models: [],
      });
      await registry.models();
      expect(modelRequests(groq)).toBe(1);
      await registry.models({ refresh: true });
      expect(modelRequests(groq)).toBe(2);
    });

    it('lists again once the TTL has passed', async () => {
      const registry = registryFor({
        GROQ_API_KEY: 'g',
        GROQ_BASE_URL: groq.baseUrl,
        MODEL_LIST_TTL_MS: '1',
      });
      groq.reset();
      await registry.models();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await registry.models();
      expect(modelRequests(groq)).toBe(2);
    });

    it('keeps listing the others when one provider fails, with its error and its last good list', async () => {
      const registry = registryFor({
        GROQ_API_KEY: 'g',
        GROQ_BASE_URL: groq.baseUrl,
        OPENAI_API_KEY: 'wrong',
        OPENAI_BASE_URL: openai.baseUrl,
      });
      const models = await registry.models();
      expect(models.find((p) => p.provider.id === 'groq')?.models).toHaveLength(
        GROQ_CHAT_MODEL_IDS.length,
      );
      const failed = models.find((p) => p.provider.id === 'openai');
      expect(failed).toMatchObject({
        models: [],
        provider: { state: 'unhealthy', configured: true },
      });
      expect(failed?.error).toMatch(/OpenAI rejected the credentials \(401\): Incorrect API key/);
      expect(failed?.provider.lastError).toBe(failed?.error);

      const flaky = registryFor({ GROQ_API_KEY: 'g', GROQ_BASE_URL: groq.baseUrl });
      await flaky.models();
      await groq.close();
      try {
        const stale = (await flaky.models({ refresh: true })).find((p) => p.provider.id === 'groq');
        expect(stale?.models).toHaveLength(GROQ_CHAT_MODEL_IDS.length);
        expect(stale?.error).toMatch(/Could not reach Groq/);
        expect(stale?.provider.state).toBe('unhealthy');
      } finally {
        groq = await startFakeUpstream({ flavor: 'groq', apiKey: 'g' });
      }
    });

    it('checks configured providers for real in health()', async () => {
      const registry = registryFor({
        GROQ_API_KEY: 'g',
        GROQ_BASE_URL: groq.baseUrl,
        OPENAI_API_KEY: 'wrong',
        OPENAI_BASE_URL: openai.baseUrl,
      });
      const health = await registry.health();
      expect(health.find((s) => s.id === 'groq')).toMatchObject({
        state: 'healthy',
        lastError: null,
        configured: true,
        checkedAt: expect.any(String),
      });
      expect(health.find((s) => s.id === 'openai')).toMatchObject({
        state: 'unhealthy',
        lastError: expect.stringContaining('401'),
      });
    });
  });
});
