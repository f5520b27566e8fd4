import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ask, collect } from '../../../test/collect';
import {
  describeWireConformance,
  startHarness,
  TEST_KEY,
  type ConformanceCase,
  type Harness,
} from '../../../test/wire-conformance';

const anthropicCase: ConformanceCase = {
  providerId: 'anthropic',
  flavor: 'anthropic',
  model: 'claude-3-5-haiku-20241022',
  env: (fake) => ({ ANTHROPIC_BASE_URL: fake.baseUrl, ANTHROPIC_API_KEY: TEST_KEY }),
  keyVariable: 'ANTHROPIC_API_KEY',
  baseUrlVariable: 'ANTHROPIC_BASE_URL',
  // From message_start's cache_read_input_tokens, added back into the input total.
  reportsCachedTokens: true,
  checkRequest: (request) => {
    expect(request.path).toBe('/v1/messages');
    expect(request.headers['x-api-key']).toBe(TEST_KEY);
    expect(request.headers['anthropic-version']).toBeTruthy();
    expect(request.body).toMatchObject({
      model: 'claude-3-5-haiku-20241022',
      stream: true,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user' }],
    });
  },
};

describeWireConformance(anthropicCase);

describe('anthropic specifics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(anthropicCase);
  });
  afterAll(() => h.fake.close());

  it('gathers system messages from anywhere in the thread into the system prompt', async () => {
    await collect(
      h.adapter,
      {
        modelId: 'claude-3-5-haiku-20241022',
        messages: [
          { role: 'system', content: 'One.' },
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: 'a1' },
          { role: 'system', content: 'Two.' },
          { role: 'user', content: 'q2' },
        ],
      },
      h.options(),
    );
    expect(h.fake.requests.at(-1)!.body).toMatchObject({
      system: [{ type: 'text', text: 'One.\n\nTwo.' }],
      messages: [{ role: 'user' }, { role: 'assistant' }, { role: 'user' }],
    });
  });

  it('ends a refusal with reason content_filter', async () => {
    h.fake.setScenario('claude-3-5-haiku-20241022', { text: 'No.', finishReason: 'refusal' });
    const run = await collect(h.adapter, ask('claude-3-5-haiku-20241022'), h.options());
    expect(run.finish).toEqual({
      type: 'finish',
      reason: 'content_filter',
      providerFinishReason: 'refusal',
    });
  });

  it('maps 529 overloaded to upstream_unavailable with Anthropic’s message', async () => {
    h.fake.setScenario('claude-3-5-haiku-20241022', {
      error: {
        status: 529,
        body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      },
    });
    const run = await collect(
      h.adapter,
      ask('claude-3-5-haiku-20241022'),
      h.options({ retry: { maxRetries: 0 } }),
    );
    expect(run.error).toMatchObject({ kind: 'upstream_unavailable', status: 529 });
    expect(run.error?.message).toContain('Overloaded');
  });

  it('lists models with their display names and known context windows', async () => {
    const models = await h.adapter.listModels();
    expect(models.find((m) => m.id === 'claude-3-5-haiku-20241022')).toMatchObject({
      label: 'Claude Haiku 3.5',
      contextWindow: 200_000,
      inputPricePerMTok: 0.8,
      outputPricePerMTok: 4,
    });
  });
});
