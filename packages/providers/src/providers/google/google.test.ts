import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  GEMINI_400_API_KEY_INVALID,
  GEMINI_429_RETRY_INFO,
  GEMINI_MODELS_PAGE_1,
  startFakeUpstream,
} from '@mlb/test-support';

import { ask, collect } from '../../../test/collect';
import {
  describeWireConformance,
  NOWHERE,
  startHarness,
  TEST_KEY,
  type ConformanceCase,
  type Harness,
} from '../../../test/wire-conformance';
import { createProviderRegistry, parseProvidersEnv } from '../../index';
import { readGeminiErrorBody } from './google-errors';

const googleCase: ConformanceCase = {
  providerId: 'google',
  flavor: 'gemini',
  model: 'gemini-2.0-flash',
  env: (fake) => ({ GOOGLE_BASE_URL: fake.baseUrl, GOOGLE_API_KEY: TEST_KEY }),
  keyVariable: 'GOOGLE_API_KEY',
  baseUrlVariable: 'GOOGLE_BASE_URL',
  // From usageMetadata.cachedContentTokenCount.
  reportsCachedTokens: true,
  checkRequest: (request) => {
    expect(request.path).toBe('/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse');
    expect(request.headers['x-goog-api-key']).toBe(TEST_KEY);
    // The system message travels as systemInstruction, not as a turn.
    expect(request.body).toMatchObject({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'say hi' }] }],
    });
  },
};

// The fake separates Gemini's events with \r\n\r\n, as the real API does: every exact-text test here goes through that.
describeWireConformance(googleCase);

describe('google specifics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(googleCase);
  });
  afterAll(() => h.fake.close());

  it('lists the text models of every page of the real list (which never names streamGenerateContent)', async () => {
    h.fake.reset();
    const models = await h.adapter.listModels();
    // Embedding, AQA, Imagen, Veo, TTS and image-generation models are left out.
    expect(models.map((m) => m.id)).toEqual([
      'gemini-1.5-pro',
      'gemini-2.0-flash',
      'gemini-2.0-flash-exp',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
      'gemma-3-27b-it',
    ]);
    expect(models.find((m) => m.id === 'gemini-2.0-flash')).toMatchObject({
      label: 'Gemini 2.0 Flash',
      contextWindow: 1_048_576,
      inputPricePerMTok: 0.1,
    });
    // Two pages: the second asked for with the first's nextPageToken.
    const pages = h.fake.requests.filter((r) => r.path.startsWith('/v1beta/models?'));
    expect(pages).toHaveLength(2);
    expect(pages[1]!.path).toContain(`pageToken=${GEMINI_MODELS_PAGE_1.nextPageToken}`);
  });

  it('shows a provider whose list has no text model as a problem, with the reason', async () => {
    const fake = await startFakeUpstream({
      flavor: 'gemini',
      apiKey: TEST_KEY,
      models: ['text-embedding-004', 'aqa', 'imagen-3.0-generate-002'],
    });
    try {
      const registry = createProviderRegistry(
        parseProvidersEnv({ ...googleCase.env(fake), OLLAMA_BASE_URL: NOWHERE }),
      );
      const google = (await registry.models()).find((p) => p.provider.id === 'google');
      const reason = 'Google Gemini answered, but none of its 3 models can generate text.';
      expect(google).toMatchObject({
        models: [],
        error: reason,
        provider: { state: 'unhealthy', lastError: reason },
      });
      expect((await registry.health()).find((s) => s.id === 'google')).toMatchObject({
        state: 'unhealthy',
        lastError: reason,
      });
    } finally {
      await fake.close();
    }
  });

  it('ends a SAFETY-blocked answer with reason content_filter', async () => {
    h.fake.setScenario('gemini-2.0-flash', { text: 'Well', finishReason: 'SAFETY' });
    const run = await collect(h.adapter, ask('gemini-2.0-flash'), h.options());
    expect(run.error).toBeUndefined();
    expect(run.finish).toEqual({
      type: 'finish',
      reason: 'content_filter',
      providerFinishReason: 'SAFETY',
    });
  });

  it('backs off for the RetryInfo delay Gemini puts in the body instead of a header', async () => {
    // The recorded answer asks for 34.4 s: longer than the 20 s backoff ceiling, so no retry.
    h.fake.setScenario('gemini-2.0-flash', { error: { status: 429, body: GEMINI_429_RETRY_INFO } });
    const long = await collect(h.adapter, ask('gemini-2.0-flash'), h.options());
    expect(long.retries).toHaveLength(0);
    expect(long.error).toMatchObject({
      kind: 'rate_limit',
      retryAfterMs: 34_400,
      message: expect.stringContaining('You exceeded your current quota'),
    });
    // The same body asking for 7 s is waited for, then the answer streams.
    const [quota, retryInfo] = GEMINI_429_RETRY_INFO.error.details;
    h.fake.setScenario('gemini-2.0-flash', {
      error: {
        status: 429,
        times: 1,
        body: {
          error: {
            ...GEMINI_429_RETRY_INFO.error,
            details: [quota, { ...retryInfo, retryDelay: '7s' }],
          },
        },
      },
    });
    const run = await collect(h.adapter, ask('gemini-2.0-flash'), h.options());
    expect(run.retries[0]).toMatchObject({ delayMs: 7000, error: { kind: 'rate_limit' } });
    expect(run.sleeps).toEqual([7000]);
    expect(run.text).toBe('gemini-2.0-flash answers: say hi');
  });

  it('reads a bad key sent as 400 API_KEY_INVALID as an authentication error', async () => {
    h.fake.setScenario('gemini-2.0-flash', {
      error: { status: 400, body: GEMINI_400_API_KEY_INVALID },
    });
    const run = await collect(h.adapter, ask('gemini-2.0-flash'), h.options());
    expect(run.error).toMatchObject({ kind: 'authentication', status: 400 });
    expect(run.error?.suggestion).toContain('GOOGLE_API_KEY');
  });

  it('ignores bodies without details', () => {
    expect(
      readGeminiErrorBody(500, { error: { code: 500, message: 'x', status: 'INTERNAL' } }),
    ).toBeNull();
    expect(readGeminiErrorBody(429, 'plain text')).toBeNull();
  });
});
