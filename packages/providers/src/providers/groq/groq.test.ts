import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GROQ_CHAT_MODEL_IDS, GROQ_MODELS } from '@mlb/test-support';

import { ask, collect } from '../../../test/collect';
import {
  describeWireConformance,
  startHarness,
  TEST_KEY,
  type ConformanceCase,
  type Harness,
} from '../../../test/wire-conformance';

const groqCase: ConformanceCase = {
  providerId: 'groq',
  flavor: 'groq',
  model: 'llama-3.1-8b-instant',
  env: (fake) => ({ GROQ_BASE_URL: fake.baseUrl, GROQ_API_KEY: TEST_KEY }),
  keyVariable: 'GROQ_API_KEY',
  baseUrlVariable: 'GROQ_BASE_URL',
  // x_groq.usage.prompt_tokens_details.cached_tokens.
  reportsCachedTokens: true,
  checkRequest: (request) => {
    expect(request.path).toBe('/openai/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(request.body).toMatchObject({ model: 'llama-3.1-8b-instant', stream: true });
  },
};

describeWireConformance(groqCase);

describe('groq specifics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(groqCase);
  });
  afterAll(() => h.fake.close());

  it('takes the usage from x_groq.usage on the last chunk (there is no include_usage chunk)', async () => {
    h.fake.setScenario('llama-3.1-8b-instant', {
      text: 'fast answer',
      usage: { input: 31, output: 17 },
    });
    const run = await collect(h.adapter, ask('llama-3.1-8b-instant'), h.options());
    expect(run.text).toBe('fast answer');
    expect(run.usage).toEqual({ inputTokens: 31, outputTokens: 17 });
  });

  it('lists the chat models of the real list with Groq’s context windows (no Whisper, no Llama Guard)', async () => {
    const models = await h.adapter.listModels();
    expect(models.map((m) => m.id)).toEqual(GROQ_CHAT_MODEL_IDS);
    expect(GROQ_MODELS.data.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        'whisper-large-v3',
        'distil-whisper-large-v3-en',
        'llama-guard-3-8b',
      ]),
    );
    expect(models.find((m) => m.id === 'llama-3.1-8b-instant')).toMatchObject({
      contextWindow: 131_072,
      inputPricePerMTok: 0.05,
      outputPricePerMTok: 0.08,
    });
  });

  it('prices llama-3.1-8b-instant from genai-prices', () => {
    expect(
      h.registry.price('groq', 'llama-3.1-8b-instant', {
        inputTokens: 2_000_000,
        outputTokens: 1_000_000,
      }),
    ).toBeCloseTo(2 * 0.05 + 0.08, 6);
  });
});
