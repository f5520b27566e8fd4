import type { Usage } from '@mlb/contracts';
import { startFakeUpstream, type FakeUpstream, type Flavor } from '@mlb/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStream } from './core/run-stream';
import type { ProviderAdapter, StreamPart } from './core/types';
import { parseProvidersEnv } from './registry/env';
import { createProviderRegistry } from './registry/create-registry';

const KEY = 'test-key';
const UNICODE = 'héllo wörld — 日本語 🎉 ünïcödé';

interface Case {
  providerId: string;
  flavor: Flavor;
  model: string;
  env: (f: FakeUpstream) => Record<string, string>;
}

const CASES: Case[] = [
  { providerId: 'litellm', flavor: 'litellm', model: 'gpt-4o-mini', env: (f) => ({ LITELLM_BASE_URL: f.baseUrl, LITELLM_MASTER_KEY: KEY }) },
  { providerId: 'google', flavor: 'gemini', model: 'gemini-2.0-flash', env: (f) => ({ GOOGLE_BASE_URL: f.baseUrl, GOOGLE_API_KEY: KEY }) },
  { providerId: 'groq', flavor: 'groq', model: 'llama-3.1-8b-instant', env: (f) => ({ GROQ_BASE_URL: f.baseUrl, GROQ_API_KEY: KEY }) },
  { providerId: 'openai', flavor: 'openai', model: 'gpt-4o-mini', env: (f) => ({ OPENAI_BASE_URL: f.baseUrl, OPENAI_API_KEY: KEY }) },
  { providerId: 'anthropic', flavor: 'anthropic', model: 'claude-3-5-haiku-latest', env: (f) => ({ ANTHROPIC_BASE_URL: f.baseUrl, ANTHROPIC_API_KEY: KEY }) },
  {
    providerId: 'vllm',
    flavor: 'openai',
    model: 'gpt-4o-mini',
    env: (f) => ({ OPENAI_COMPATIBLE_PROVIDERS: JSON.stringify([{ id: 'vllm', label: 'vLLM', baseUrl: f.baseUrl, apiKey: KEY }]) }),
  },
];

const fast = { STREAM_FIRST_TOKEN_TIMEOUT_MS: '1500', STREAM_IDLE_TIMEOUT_MS: '1500', STREAM_MAX_RETRIES: '2', OLLAMA_BASE_URL: 'http://127.0.0.1:9' };

async function collect(adapter: ProviderAdapter, registry: ReturnType<typeof createProviderRegistry>, model: string, signal = new AbortController().signal, sleeps: number[] = []) {
  const parts: StreamPart[] = [];
  for await (const part of runStream(adapter, { modelId: model, messages: [{ role: 'user', content: 'say hi' }] }, {
    signal,
    timeouts: registry.timeouts,
    retry: registry.retry,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
  })) {
    parts.push(part);
  }
  const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
  const usage = parts.find((p): p is { type: 'usage'; usage: Usage } => p.type === 'usage')?.usage;
  const error = parts.find((p) => p.type === 'error');
  return { parts, text, usage, error: error?.type === 'error' ? error.error : undefined, finish: parts.at(-1) };
}

describe.each(CASES)('$providerId adapter against its wire format', (c) => {
  let fake: FakeUpstream;
  let registry: ReturnType<typeof createProviderRegistry>;
  let adapter: ProviderAdapter;

  beforeAll(async () => {
    fake = await startFakeUpstream({ flavor: c.flavor, apiKey: KEY });
    registry = createProviderRegistry(parseProvidersEnv({ ...fast, ...c.env(fake) }));
    adapter = registry.require(c.providerId);
  });
  afterAll(() => fake.close());

  it('reassembles the text exactly, with exact usage, split multi-byte characters included', async () => {
    fake.setScenario(c.model, { text: UNICODE, chunkSize: 3, splitUtf8: true, usage: { input: 7, output: 11 } });
    const { text, usage, finish } = await collect(adapter, registry, c.model);
    expect(text).toBe(UNICODE);
    expect(usage).toMatchObject({ inputTokens: 7, outputTokens: 11 });
    expect(finish).toEqual({ type: 'finish', reason: 'done', providerFinishReason: expect.any(String) });
  });

  it('maps 401 to authentication with a suggestion naming the variable', async () => {
    fake.setScenario(c.model, { error: { status: 401 } });
    const { error, finish } = await collect(adapter, registry, c.model);
    expect(error?.kind).toBe('authentication');
    expect(error?.status).toBe(401);
    expect(finish).toMatchObject({ reason: 'error' });
  });

  it('retries 429 with its retry-after before the first token, then succeeds', async () => {
    fake.setScenario(c.model, { error: { status: 429, retryAfter: '3', times: 1 } });
    const sleeps: number[] = [];
    const { parts, text } = await collect(adapter, registry, c.model, undefined, sleeps);
    expect(parts.filter((p) => p.type === 'retry')).toHaveLength(1);
    expect(sleeps).toEqual([3000]);
    expect(text).toBe(`${c.model} answers: say hi`);
  });

  it('maps 500 and 503 to upstream_unavailable after the retries are spent', async () => {
    for (const status of [500, 503]) {
      fake.setScenario(c.model, { error: { status } });
      const { error, parts } = await collect(adapter, registry, c.model);
      expect(error?.kind).toBe('upstream_unavailable');
      expect(parts.filter((p) => p.type === 'retry')).toHaveLength(2);
    }
  });

  it('keeps the partial text and reports a network error when the connection drops mid-stream', async () => {
    fake.setScenario(c.model, { text: 'abcdefghijklmnop', chunkSize: 2, dropAfterChunks: 3, tokenDelayMs: 5 });
    const { text, error, parts, finish } = await collect(adapter, registry, c.model);
    expect(text).toBe('abcdef');
    expect(error?.kind, error?.message).toBe('network');
    expect(parts.some((p) => p.type === 'retry')).toBe(false);
    expect(finish).toMatchObject({ reason: 'error' });
  });

  it('times out a first token that never comes', async () => {
    fake.setScenario(c.model, { hang: true });
    const { error, finish } = await collect(adapter, registry, c.model);
    expect(error?.kind).toBe('timeout');
    expect(error?.suggestion).toMatch(/STREAM_FIRST_TOKEN_TIMEOUT_MS/);
    expect(finish).toMatchObject({ reason: 'timeout' });
  });

  it('aborts the upstream request when stopped', async () => {
    fake.reset();
    fake.setScenario(c.model, { text: 'x'.repeat(400), chunkSize: 1, tokenDelayMs: 5 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);
    const { finish, text } = await collect(adapter, registry, c.model, controller.signal);
    expect(finish).toMatchObject({ reason: 'stopped' });
    expect(text.length).toBeLessThan(400);
    await expect.poll(() => fake.requests.filter((r) => r.method === 'POST').at(-1)?.aborted).toBe(true);
  });

  it('lists the provider’s models and checks its health', async () => {
    const models = await adapter.listModels();
    expect(models.map((m) => m.id)).toContain(c.model);
    expect((await adapter.health()).ok).toBe(true);
  });
});

describe('registry', () => {
  it('reports providers without credentials as not configured, with the variable to set', async () => {
    const registry = createProviderRegistry(parseProvidersEnv({ OLLAMA_BASE_URL: 'http://127.0.0.1:9' }));
    expect(() => registry.require('groq')).toThrow(/not configured/);
    const health = await registry.health();
    expect(health.find((p) => p.id === 'groq')).toMatchObject({ state: 'not_configured', hint: 'Set GROQ_API_KEY in .env and restart.' });
    expect(health.find((p) => p.id === 'demo')).toMatchObject({ state: 'healthy', simulated: true });
    expect(() => registry.require('nope')).toThrow(/There is no provider "nope"/);
  });

  it('prices known models from the price database, and honours MODEL_PRICES overrides', () => {
    const registry = createProviderRegistry(parseProvidersEnv({ MODEL_PRICES: JSON.stringify({ 'litellm/house-model': { input: 1, output: 2 } }) }));
    const groqCost = registry.price('groq', 'llama-3.1-8b-instant', { inputTokens: 1_000_000, outputTokens: 1_000_000 });
    expect(groqCost).toBeGreaterThan(0);
    expect(registry.price('litellm', 'house-model', { inputTokens: 500_000, outputTokens: 250_000 })).toBeCloseTo(1.0);
    expect(registry.price('litellm', 'no-such-model-anywhere', { inputTokens: 10, outputTokens: 10 })).toBeNull();
    expect(registry.price('demo', 'demo-fast', { inputTokens: 10, outputTokens: 10 })).toBe(0);
  });

  it('explains a malformed variable', () => {
    expect(() => parseProvidersEnv({ MODEL_PRICES: '{oops' })).toThrow(/expected JSON/);
    expect(() => parseProvidersEnv({ GROQ_BASE_URL: 'not a url' })).toThrow(/GROQ_BASE_URL/);
  });

  it('streams the demo provider deterministically, labelled as simulated', async () => {
    const registry = createProviderRegistry(parseProvidersEnv({ DEMO_TOKENS_PER_SECOND: '2000', DEMO_FIRST_TOKEN_MS: '0' }));
    const demo = registry.require('demo');
    const one = await collect(demo, registry, 'demo-fast');
    const two = await collect(demo, registry, 'demo-fast');
    expect(one.text).toBe(two.text);
    expect(one.text).toContain('Simulated answer (demo provider');
    expect(one.usage?.outputTokens).toBeGreaterThan(10);
    expect((await demo.listModels()).every((m) => m.simulated)).toBe(true);
  });
});
