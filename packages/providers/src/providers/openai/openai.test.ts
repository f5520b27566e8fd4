import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OPENAI_CHAT_MODEL_IDS, OPENAI_MODELS, startFakeUpstream } from '@mlb/test-support';

import { ask, collect } from '../../../test/collect';
import {
  describeWireConformance,
  startHarness,
  TEST_KEY,
  type ConformanceCase,
  type Harness,
} from '../../../test/wire-conformance';
import { createProviderRegistry } from '../../registry/create-registry';
import { parseProvidersEnv } from '../../registry/env';
import { isChatModel } from './openai-adapter';

const openaiCase: ConformanceCase = {
  providerId: 'openai',
  flavor: 'openai',
  model: 'gpt-4o-mini',
  env: (fake) => ({ OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: TEST_KEY }),
  keyVariable: 'OPENAI_API_KEY',
  baseUrlVariable: 'OPENAI_BASE_URL',
  reportsCachedTokens: true,
  checkRequest: (request) => {
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    // The include_usage chunk (choices: []) before [DONE] is where the exact usage came from.
    expect(request.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(request.body).toMatchObject({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'say hi' },
      ],
    });
  },
};

describeWireConformance(openaiCase);

describe('openai specifics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(openaiCase);
  });
  afterAll(() => h.fake.close());

  it('passes temperature, max tokens and top-p through, and reports a length finish', async () => {
    h.fake.setScenario('gpt-4o-mini', { finishReason: 'length' });
    const run = await collect(
      h.adapter,
      { ...ask('gpt-4o-mini'), params: { temperature: 0.2, maxTokens: 50, topP: 0.9 } },
      h.options(),
    );
    expect(run.finish).toEqual({
      type: 'finish',
      reason: 'length',
      providerFinishReason: 'length',
    });
    expect(h.fake.requests.at(-1)!.body).toMatchObject({
      temperature: 0.2,
      max_tokens: 50,
      top_p: 0.9,
    });
  });

  it('ends a content-filtered answer with reason content_filter', async () => {
    h.fake.setScenario('gpt-4o-mini', { text: 'I can', finishReason: 'content_filter' });
    const run = await collect(h.adapter, ask('gpt-4o-mini'), h.options());
    expect(run.text).toBe('I can');
    expect(run.error).toBeUndefined();
    expect(run.finish).toEqual({
      type: 'finish',
      reason: 'content_filter',
      providerFinishReason: 'content_filter',
    });
  });

  it('maps a content-policy refusal and an exhausted quota by their error codes', async () => {
    h.fake.setScenario('gpt-4o-mini', {
      error: {
        status: 400,
        body: {
          error: {
            message: 'Your request was rejected by the safety system.',
            type: 'invalid_request_error',
            code: 'content_policy_violation',
          },
        },
      },
    });
    const refused = await collect(h.adapter, ask('gpt-4o-mini'), h.options());
    expect(refused.error).toMatchObject({
      kind: 'content_filtered',
      status: 400,
      retryable: false,
    });
    expect(refused.error?.message).toContain('rejected by the safety system');

    h.fake.setScenario('gpt-4o-mini', {
      error: {
        status: 429,
        body: {
          error: {
            message: 'You exceeded your current quota.',
            type: 'insufficient_quota',
            code: 'insufficient_quota',
          },
        },
      },
    });
    const broke = await collect(h.adapter, ask('gpt-4o-mini'), h.options());
    expect(broke.error).toMatchObject({ kind: 'rate_limit', retryable: false });
    expect(broke.retries).toHaveLength(0);
    expect(broke.error?.suggestion).toMatch(/billing/);
  });

  it('really waits out a retry-after before retrying', async () => {
    h.fake.setScenario('gpt-4o-mini', { error: { status: 429, retryAfter: '1', times: 1 } });
    const run = await collect(h.adapter, ask('gpt-4o-mini'), { ...h.options(), realSleep: true });
    expect(run.retries).toHaveLength(1);
    expect(run.text).toBe('gpt-4o-mini answers: say hi');
    const [first, second] = h.fake.requests.filter((r) => r.method === 'POST').slice(-2);
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1000);
  });

  it('lists chat models only from the real list, with prices and context windows from the price database', async () => {
    // The recorded list: embeddings, Whisper, TTS, DALL·E, moderation, realtime, audio, legacy…
    const fake = await startFakeUpstream({ flavor: 'openai', apiKey: TEST_KEY });
    expect(OPENAI_MODELS.data.length).toBeGreaterThan(OPENAI_CHAT_MODEL_IDS.length);
    try {
      const registry = createProviderRegistry(
        parseProvidersEnv({
          OPENAI_BASE_URL: fake.baseUrl,
          OPENAI_API_KEY: TEST_KEY,
          OLLAMA_BASE_URL: 'http://127.0.0.1:9',
        }),
      );
      const models = await registry.require('openai').listModels();
      expect(models.map((m) => m.id)).toEqual(OPENAI_CHAT_MODEL_IDS);
      expect(models.find((m) => m.id === 'gpt-4o-mini')).toMatchObject({
        label: 'gpt-4o-mini',
        contextWindow: 128_000,
        inputPricePerMTok: 0.15,
        outputPricePerMTok: 0.6,
      });
    } finally {
      await fake.close();
    }
  });

  it('prices gpt-4o-mini from genai-prices, cached tokens at their own rate', () => {
    // 1M input of which 400k cached at $0.075, 600k at $0.15, 1M output at $0.60.
    expect(
      h.registry.price('openai', 'gpt-4o-mini', {
        inputTokens: 1_000_000,
        outputTokens: 1_000_000,
        cachedTokens: 400_000,
      }),
    ).toBeCloseTo(0.09 + 0.03 + 0.6, 6);
  });

  it('recognises chat models by id', () => {
    expect(
      ['gpt-4o', 'gpt-4.1-mini', 'o1', 'o4-mini', 'chatgpt-4o-latest'].every(isChatModel),
    ).toBe(true);
    expect(
      [
        'text-embedding-3-large',
        'whisper-1',
        'tts-1',
        'gpt-4o-mini-transcribe',
        'gpt-image-1',
        'davinci-002',
      ].some(isChatModel),
    ).toBe(false);
  });
});
