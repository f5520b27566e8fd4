import { describe, expect, it } from 'vitest';

import { ask, collect } from '../../../test/collect';
import { createProviderRegistry } from '../../registry/create-registry';
import { parseProvidersEnv } from '../../registry/env';
import { createDemoAdapter } from './demo-adapter';
import { demoAnswer } from './demo-answer';
import { demoTokens } from './demo-tokens';

const options = {
  timeouts: { connectMs: 1000, firstTokenMs: 5000, idleMs: 5000, totalMs: 30_000 },
  retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 100 },
};

describe('demo provider', () => {
  it('answers deterministically from prompt and model, in labelled multi-paragraph Markdown with code', () => {
    const answer = demoAnswer('How do I cache API calls?', 'demo-balanced');
    expect(demoAnswer('How do I cache API calls?', 'demo-balanced')).toBe(answer);
    expect(demoAnswer('How do I cache API calls?', 'demo-fast')).not.toBe(answer);
    expect(demoAnswer('Something else entirely', 'demo-balanced')).not.toBe(answer);
    expect(answer.split('\n')[0]).toContain('Simulated answer (demo provider)');
    expect(answer).toMatch(/```ts\n[\s\S]+\n```/);
    expect(answer.split('\n\n').length).toBeGreaterThanOrEqual(5);
    expect(answer).toContain('How do I cache API calls?');
    expect(demoTokens(answer).join('')).toBe(answer);
  });

  it('streams that answer with its exact token count as usage, and costs nothing', async () => {
    const registry = createProviderRegistry(
      parseProvidersEnv({
        DEMO_TOKENS_PER_SECOND: '5000',
        DEMO_FIRST_TOKEN_MS: '0',
        OLLAMA_BASE_URL: 'http://127.0.0.1:9',
      }),
    );
    const demo = registry.require('demo');
    const prompt = 'Explain backpressure in two sentences';
    const run = await collect(
      demo,
      {
        modelId: 'demo-fast',
        messages: [
          { role: 'system', content: 'be nice' },
          { role: 'user', content: prompt },
        ],
      },
      options,
    );
    const expected = demoAnswer(prompt, 'demo-fast');
    expect(run.text).toBe(expected);
    expect(run.usage).toEqual({ inputTokens: 2 + 5, outputTokens: demoTokens(expected).length });
    expect(run.finish).toEqual({ type: 'finish', reason: 'done', providerFinishReason: 'stop' });
    expect(registry.price('demo', 'demo-fast', run.usage!)).toBe(0);
    expect(demo.simulated).toBe(true);
  });

  it('waits DEMO_FIRST_TOKEN_MS, then streams at DEMO_TOKENS_PER_SECOND scaled per model', async () => {
    const adapter = createDemoAdapter({ tokensPerSecond: 100, firstTokenMs: 100 });
    const timing = async (modelId: string) => {
      const started = performance.now();
      let first = 0;
      let count = 0;
      for await (const part of adapter.stream(
        { ...ask(modelId), params: { maxTokens: 21 } },
        new AbortController().signal,
      )) {
        if (part.type !== 'text-delta') continue;
        first ||= performance.now() - started;
        count += 1;
      }
      return { first, total: performance.now() - started, count };
    };
    const [fast, slow] = await Promise.all([timing('demo-fast'), timing('demo-slow')]);
    expect(fast.first).toBeGreaterThanOrEqual(95);
    expect(fast.count).toBe(21);
    // 20 intervals: 100 ms at 200 tokens/s, 400 ms at 50 tokens/s.
    expect(fast.total - fast.first).toBeGreaterThanOrEqual(95);
    expect(fast.total - fast.first).toBeLessThan(350);
    expect(slow.total - slow.first).toBeGreaterThanOrEqual(395);
  });

  it('stops at max tokens with reason length, and on abort with reason stopped', async () => {
    const adapter = createDemoAdapter({ tokensPerSecond: 1000, firstTokenMs: 0 });
    const cut = await collect(
      adapter,
      { ...ask('demo-balanced'), params: { maxTokens: 5 } },
      options,
    );
    expect(cut.usage?.outputTokens).toBe(5);
    expect(cut.finish).toEqual({
      type: 'finish',
      reason: 'length',
      providerFinishReason: 'length',
    });

    const controller = new AbortController();
    const slow = createDemoAdapter({ tokensPerSecond: 20, firstTokenMs: 0 });
    setTimeout(() => controller.abort(), 120);
    const stopped = await collect(slow, ask('demo-slow'), {
      ...options,
      signal: controller.signal,
    });
    expect(stopped.finish).toMatchObject({ reason: 'stopped' });
    expect(stopped.error).toBeUndefined();
    expect(stopped.text.length).toBeGreaterThan(0);
  });

  it('refuses an unknown model and lists its three simulated models', async () => {
    const adapter = createDemoAdapter({ tokensPerSecond: 1000, firstTokenMs: 0 });
    const run = await collect(adapter, ask('demo-huge'), options);
    expect(run.error).toMatchObject({
      kind: 'bad_request',
      suggestion: 'Pick one of demo-fast, demo-balanced, demo-slow.',
    });
    const models = await adapter.listModels();
    expect(models.map((m) => [m.id, m.label, m.simulated, m.inputPricePerMTok])).toEqual([
      ['demo-fast', 'Demo fast (simulated)', true, 0],
      ['demo-balanced', 'Demo balanced (simulated)', true, 0],
      ['demo-slow', 'Demo slow (simulated)', true, 0],
    ]);
    expect(await adapter.health()).toEqual({ ok: true, latencyMs: 0, error: null });
  });
});
