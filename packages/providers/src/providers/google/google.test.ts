import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ask, collect } from '../../../test/collect';
import {
  describeWireConformance,
  startHarness,
  TEST_KEY,
  type ConformanceCase,
  type Harness,
} from '../../../test/wire-conformance';
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

  it('lists only models that can stream, without the models/ prefix, with their context windows', async () => {
    const models = await h.adapter.listModels();
    expect(models.map((m) => m.id)).toEqual(['gemini-1.5-pro', 'gemini-2.0-flash']);
    expect(models[1]).toMatchObject({
      label: 'Gemini 2.0-flash',
      contextWindow: 1_048_576,
      inputPricePerMTok: 0.1,
    });
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
    h.fake.setScenario('gemini-2.0-flash', {
      error: {
        status: 429,
        times: 1,
        body: {
          error: {
            code: 429,
            message: 'Resource has been exhausted (e.g. check quota).',
            status: 'RESOURCE_EXHAUSTED',
            details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }],
          },
        },
      },
    });
    const run = await collect(h.adapter, ask('gemini-2.0-flash'), h.options());
    expect(run.retries[0]).toMatchObject({
      delayMs: 7000,
      error: {
        kind: 'rate_limit',
        message: expect.stringContaining('Resource has been exhausted'),
      },
    });
    expect(run.sleeps).toEqual([7000]);
    expect(run.text).toBe('gemini-2.0-flash answers: say hi');
  });

  it('reads a bad key sent as 400 API_KEY_INVALID as an authentication error', async () => {
    h.fake.setScenario('gemini-2.0-flash', {
      error: {
        status: 400,
        body: {
          error: {
            code: 400,
            message: 'API key not valid. Please pass a valid API key.',
            status: 'INVALID_ARGUMENT',
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason: 'API_KEY_INVALID',
                domain: 'googleapis.com',
              },
            ],
          },
        },
      },
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
