import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  startFakeUpstream,
  type FakeUpstream,
  type Flavor,
  type RecordedRequest,
} from '@mlb/test-support';

import {
  createProviderRegistry,
  parseProvidersEnv,
  type ProviderAdapter,
  type ProviderRegistry,
  type RetryPolicy,
  type Timeouts,
} from '../src/index';
import { ask, collect, type CollectOptions } from './collect';

export const TEST_KEY = 'test-key-123';
export const UNICODE = 'héllo wörld — 日本語 🎉 ünïcödé';

export interface ConformanceCase {
  providerId: string;
  flavor: Flavor;
  model: string;
  /** The provider variables pointing at the fake. */
  env: (fake: FakeUpstream) => Record<string, string>;
  /** The variable a 401's suggestion must name. */
  keyVariable: string;
  /** The variable a network failure's suggestion must name. */
  baseUrlVariable: string;
  /** Whether the provider reports cached input tokens. */
  reportsCachedTokens: boolean;
  /** Whether the fake demands a key (Ollama has none). Default true. */
  authenticated?: boolean;
  /** Provider-specific checks of the streaming request as it reached the wire. */
  checkRequest: (request: RecordedRequest) => void;
}

export interface Harness {
  fake: FakeUpstream;
  registry: ProviderRegistry;
  adapter: ProviderAdapter;
  /** Fast timeouts, two retries. */
  options: (overrides?: {
    timeouts?: Partial<Timeouts>;
    retry?: Partial<RetryPolicy>;
  }) => CollectOptions;
}

/** A closed port: nothing listens on the discard service in the test environment. */
export const NOWHERE = 'http://127.0.0.1:9';

/** Starts the fake and a registry pointing at it, for one provider's own extra tests. */
export async function startHarness(
  c: ConformanceCase,
  extraEnv: Record<string, string> = {},
): Promise<Harness> {
  const fake = await startFakeUpstream({
    flavor: c.flavor,
    ...(c.authenticated === false ? {} : { apiKey: TEST_KEY }),
  });
  const registry = createProviderRegistry(
    parseProvidersEnv({ OLLAMA_BASE_URL: NOWHERE, ...c.env(fake), ...extraEnv }),
  );
  // Waits for auto-detection (Ollama) before the adapter is asked for.
  await registry.health();
  const adapter = registry.require(c.providerId);
  fake.reset();
  return {
    fake,
    registry,
    adapter,
    options: (overrides = {}) => ({
      timeouts: {
        connectMs: 5000,
        firstTokenMs: 5000,
        idleMs: 5000,
        totalMs: 20_000,
        ...overrides.timeouts,
      },
      retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 10_000, ...overrides.retry },
    }),
  };
}

const streamRequests = (fake: FakeUpstream) => fake.requests.filter((r) => r.method === 'POST');

/**
 * The suite every real provider passes against its fake upstream: exact text and usage (split
 * UTF-8 included), the request on the wire, error kinds and messages, retries with retry-after,
 * a mid-stream drop, connect and first-token timeouts, abort, models and health.
 */
export function describeWireConformance(c: ConformanceCase): void {
  describe(`${c.providerId} speaks the ${c.flavor} wire format`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(c);
    });
    afterAll(() => h.fake.close());
    beforeEach(() => h.fake.reset());

    it('streams the text exactly, with the exact usage, and sends the request the provider expects', async () => {
      h.fake.setScenario(c.model, {
        text: 'The quick brown fox jumps over the lazy dog.',
        chunkSize: 5,
        usage: { input: 12, output: 9, cached: 4 },
      });
      const run = await collect(
        h.adapter,
        {
          modelId: c.model,
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'say hi' },
          ],
        },
        h.options(),
      );
      expect(run.error).toBeUndefined();
      expect(run.text).toBe('The quick brown fox jumps over the lazy dog.');
      expect(run.usage).toEqual({
        inputTokens: 12,
        outputTokens: 9,
        ...(c.reportsCachedTokens ? { cachedTokens: 4 } : {}),
      });
      expect(run.finish).toMatchObject({ type: 'finish', reason: 'done' });
      expect(run.finish?.type === 'finish' ? typeof run.finish.providerFinishReason : null).toBe(
        'string',
      );
      expect(run.parts.filter((p) => p.type === 'finish')).toHaveLength(1);
      const [request] = streamRequests(h.fake);
      c.checkRequest(request!);
    });

    it('reassembles multi-byte UTF-8 split across network reads', async () => {
      h.fake.setScenario(c.model, { text: UNICODE, chunkSize: 3, splitUtf8: true });
      const run = await collect(h.adapter, ask(c.model), h.options());
      expect(run.text).toBe(UNICODE);
      expect(run.finish).toMatchObject({ reason: 'done' });
    });

    it('maps a 401 to authentication with the provider’s message and the variable to check', async () => {
      h.fake.setScenario(c.model, { error: { status: 401 } });
      const run = await collect(h.adapter, ask(c.model), h.options());
      expect(run.error).toMatchObject({
        kind: 'authentication',
        status: 401,
        retryable: false,
        providerId: c.providerId,
      });
      expect(run.error?.message).toContain(`Fake ${c.flavor} error 401`);
      expect(run.error?.suggestion).toContain(c.keyVariable);
      expect(run.retries).toHaveLength(0);
      expect(run.finish).toEqual({ type: 'finish', reason: 'error', providerFinishReason: null });
      expect(run.error?.toInfo()).toMatchObject({
        kind: 'authentication',
        status: 401,
        suggestion: run.error?.suggestion,
      });
    });

    it('retries a 429 after its retry-after, then streams the answer', async () => {
      h.fake.setScenario(c.model, { error: { status: 429, retryAfter: '3', times: 1 } });
      const run = await collect(h.adapter, ask(c.model), h.options());
      expect(run.retries).toHaveLength(1);
      expect(run.retries[0]).toMatchObject({
        attempt: 1,
        delayMs: 3000,
        error: { kind: 'rate_limit', status: 429, retryAfterMs: 3000 },
      });
      expect(run.sleeps).toEqual([3000]);
      expect(run.text).toBe(`${c.model} answers: say hi`);
      expect(streamRequests(h.fake)).toHaveLength(2);
    });

    it('gives up on a lasting 429 after the configured retries, with the provider’s message', async () => {
      h.fake.setScenario(c.model, { error: { status: 429 } });
      const run = await collect(h.adapter, ask(c.model), h.options());
      expect(run.retries.map((r) => r.attempt)).toEqual([1, 2]);
      // Full jitter with random() = 0.5: half of 100 ms, then half of 200 ms.
      expect(run.sleeps).toEqual([50, 100]);
      expect(run.error).toMatchObject({ kind: 'rate_limit', status: 429 });
      expect(run.error?.message).toContain(`Fake ${c.flavor} error 429`);
      expect(streamRequests(h.fake)).toHaveLength(3);
      expect(run.finish).toMatchObject({ reason: 'error' });
    });

    it.each([500, 503])('maps %i to upstream_unavailable after retrying', async (status) => {
      h.fake.setScenario(c.model, { error: { status } });
      const run = await collect(h.adapter, ask(c.model), h.options({ retry: { maxRetries: 1 } }));
      expect(run.retries).toHaveLength(1);
      expect(run.error).toMatchObject({ kind: 'upstream_unavailable', status, retryable: true });
      expect(run.error?.message).toContain(`Fake ${c.flavor} error ${status}`);
    });

    it('maps 400 and an unknown model (404) to bad_request without retrying', async () => {
      h.fake.setScenario(c.model, { error: { status: 400 } });
      const bad = await collect(h.adapter, ask(c.model), h.options());
      expect(bad.error).toMatchObject({ kind: 'bad_request', status: 400 });
      expect(bad.retries).toHaveLength(0);
      const missing = await collect(h.adapter, ask('no-such-model'), h.options());
      expect(missing.error).toMatchObject({ kind: 'bad_request', status: 404 });
      expect(missing.error?.message).toContain('no-such-model');
      expect(missing.error?.suggestion).toMatch(/models\.list/);
    });

    it('keeps the partial text and reports a network error when the connection drops mid-stream', async () => {
      h.fake.setScenario(c.model, { text: 'abcdefghijklmnop', chunkSize: 2, dropAfterChunks: 3 });
      const run = await collect(h.adapter, ask(c.model), h.options());
      expect(run.text).toBe('abcdef');
      expect(run.error?.kind, run.error?.message).toBe('network');
      expect(run.retries).toHaveLength(0);
      expect(run.finish).toEqual({ type: 'finish', reason: 'error', providerFinishReason: null });
    });

    it('times out a first token that comes too late, naming the variable to raise', async () => {
      h.fake.setScenario(c.model, { firstTokenDelayMs: 3000 });
      const run = await collect(
        h.adapter,
        ask(c.model),
        h.options({ timeouts: { firstTokenMs: 200 }, retry: { maxRetries: 0 } }),
      );
      expect(run.error).toMatchObject({ kind: 'timeout' });
      expect(run.error?.suggestion).toContain('STREAM_FIRST_TOKEN_TIMEOUT_MS');
      expect(run.finish).toEqual({ type: 'finish', reason: 'timeout', providerFinishReason: null });
      expect(run.elapsedMs).toBeLessThan(1500);
      await expect.poll(() => streamRequests(h.fake)[0]?.aborted).toBe(true);
    });

    it('times out an upstream that never sends its headers (connect timeout), and retries it', async () => {
      const registry = createProviderRegistry(
        parseProvidersEnv({
          OLLAMA_BASE_URL: NOWHERE,
          ...c.env(h.fake),
          STREAM_CONNECT_TIMEOUT_MS: '150',
        }),
      );
      await registry.health();
      h.fake.reset();
      h.fake.setScenario(c.model, { hangBeforeHeaders: true });
      const run = await collect(
        registry.require(c.providerId),
        ask(c.model),
        h.options({ retry: { maxRetries: 1 } }),
      );
      expect(run.retries).toHaveLength(1);
      expect(run.error).toMatchObject({ kind: 'timeout' });
      expect(run.error?.suggestion).toContain('STREAM_CONNECT_TIMEOUT_MS');
      expect(run.finish).toMatchObject({ reason: 'timeout' });
    });

    it('reports an unreachable server as a network error naming the base URL variable', async () => {
      const registry = createProviderRegistry(
        parseProvidersEnv({ OLLAMA_BASE_URL: NOWHERE, ...c.env(h.fake) }),
      );
      await registry.health();
      const adapter = registry.require(c.providerId);
      await h.fake.close();
      try {
        const run = await collect(adapter, ask(c.model), h.options({ retry: { maxRetries: 1 } }));
        expect(run.retries).toHaveLength(1);
        expect(run.error?.kind, run.error?.message).toBe('network');
        expect(run.error?.suggestion).toContain(c.baseUrlVariable);
        expect((await adapter.health()).ok).toBe(false);
      } finally {
        h = await startHarness(c);
      }
    });

    it('aborts the upstream request at once when the caller stops, keeping the text so far', async () => {
      h.fake.setScenario(c.model, { text: 'x'.repeat(200), chunkSize: 1, tokenDelayMs: 20 });
      const controller = new AbortController();
      let abortedAt = 0;
      const run = await collect(h.adapter, ask(c.model), {
        ...h.options(),
        signal: controller.signal,
        onPart: (part) => {
          if (part.type === 'text-delta' && !abortedAt) {
            abortedAt = Date.now();
            controller.abort();
          }
        },
      });
      expect(run.finish).toEqual({ type: 'finish', reason: 'stopped', providerFinishReason: null });
      expect(run.error).toBeUndefined();
      expect(run.text).toMatch(/^x+$/);
      expect(run.text.length).toBeLessThan(200);
      await expect
        .poll(() => streamRequests(h.fake)[0]?.closedAt, { timeout: 1000 })
        .not.toBeNull();
      const request = streamRequests(h.fake)[0]!;
      expect(request.aborted).toBe(true);
      expect(request.closedAt! - abortedAt).toBeLessThan(500);
    });

    it('lists the provider’s models and checks its health', async () => {
      const models = await h.adapter.listModels();
      expect(models.map((m) => m.id)).toContain(c.model);
      expect(models.every((m) => m.providerId === c.providerId && !m.simulated)).toBe(true);
      const health = await h.adapter.health();
      expect(health).toMatchObject({ ok: true, error: null });
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    });
  });
}
