import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { collectEvents } from '../test/collect-events';
import {
  answer,
  badKey,
  dropped,
  failure,
  FakeAdapter,
  overloaded,
  rateLimited,
} from '../test/fake-adapter';
import { settle } from '../test/fake-clock';
import { createHarness, price, type Harness } from '../test/harness';
import { PaneRun } from './pane-run';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** One answer in a pane of its own, started now; `done` settles once it has ended. */
function play(adapter: FakeAdapter, h: Harness = createHarness()) {
  const spec = h.seedAnswer();
  const events = collectEvents(h.hub, spec.sessionId);
  const run = new PaneRun(spec, h.deps);
  const startedAt = performance.now();
  const done = run.execute(adapter);
  return { h, spec, id: spec.messageId, events, run, done, startedAt };
}

/** What the database holds for the answer. */
const saved = (a: ReturnType<typeof play>) => a.h.db.messages.get(a.id);

describe('PaneRun: how answers end', () => {
  it('streams an answer to its end and saves it complete, with the provider’s usage as its metrics', async () => {
    const usage = { inputTokens: 11, outputTokens: 4, cachedTokens: 3 };
    const adapter = new FakeAdapter([
      answer(['Hel', 'lo', ', world', '!'], { firstTokenMs: 120, gapMs: 40, usage }),
    ]);
    const a = play(adapter);
    await settle(a.done);

    expect(a.events.types(a.id)).toEqual([
      'status',
      'token',
      'token',
      'token',
      'token',
      'final',
      'meter',
      'status',
    ]);
    expect(a.events.statuses(a.id)).toEqual([{ state: 'streaming' }, { state: 'complete' }]);
    expect(a.events.final(a.id)).toEqual({
      content: 'Hello, world!',
      reason: 'done',
      providerFinishReason: 'stop',
    });
    const metrics = {
      inputTokens: 11,
      outputTokens: 4,
      cachedTokens: 3,
      cost: price(usage),
      ttftMs: 120,
      latencyMs: 240,
      // 4 tokens between the first delta (120 ms) and the end (240 ms).
      tokensPerSecond: 4 / 0.12,
      retries: 0,
      estimated: false,
    };
    expect(a.events.meter(a.id)).toEqual({ ...metrics, tokensUsed: 15 });
    expect(await saved(a)).toMatchObject({
      content: 'Hello, world!',
      status: 'complete',
      endReason: 'done',
      finishReason: 'stop',
      error: null,
      metrics,
    });
    expect(a.run.state).toBe('complete');
    expect(a.run.end).toMatchObject({ reason: 'done', error: null });
    expect(adapter.calls.map((c) => c.request)).toEqual([
      { modelId: 'fake-model', messages: [{ role: 'user', content: 'Say hello.' }], params: {} },
    ]);
    expect(a.h.stats.providers()).toMatchObject([{ providerId: 'fake', requests: 1, errors: 0 }]);
  });

  it('ends an answer cut by its token limit as complete, with reason length', async () => {
    const a = play(new FakeAdapter([answer(['Once upon', ' a time'], { reason: 'length' })]));
    await settle(a.done);
    expect(a.events.final(a.id)).toEqual({
      content: 'Once upon a time',
      reason: 'length',
      providerFinishReason: 'length',
    });
    expect(a.events.errors(a.id)).toEqual([]);
    expect(a.events.statuses(a.id).at(-1)).toEqual({ state: 'complete' });
    expect(await saved(a)).toMatchObject({ status: 'complete', endReason: 'length', error: null });
  });

  it('turns a content-filter finish into an error that says so, keeping the text', async () => {
    const a = play(
      new FakeAdapter([answer(['I can’t'], { reason: 'content_filter', usage: undefined })]),
    );
    await settle(a.done);
    const error = {
      kind: 'content_filtered',
      message: 'The provider stopped this answer with its content filter.',
      suggestion: 'Rephrase the prompt, or try another model.',
      retryable: false,
    };
    expect(a.events.errors(a.id)).toEqual([{ ...error, partialContent: 'I can’t' }]);
    expect(a.events.final(a.id)).toEqual({
      content: 'I can’t',
      reason: 'content_filter',
      providerFinishReason: 'content_filter',
    });
    expect(a.events.statuses(a.id).at(-1)).toEqual({ state: 'error' });
    expect(await saved(a)).toMatchObject({
      content: 'I can’t',
      status: 'error',
      endReason: 'content_filter',
      finishReason: 'content_filter',
      error,
    });
  });

  it('ends with the provider’s error when the stream breaks after the first token, without retrying', async () => {
    const adapter = new FakeAdapter([
      failure(dropped(), [{ type: 'text-delta', text: 'Partial ' }]),
    ]);
    const a = play(adapter);
    await settle(a.done);
    expect(adapter.calls).toHaveLength(1);
    const error = dropped().toInfo();
    expect(a.events.errors(a.id)).toEqual([{ ...error, partialContent: 'Partial ' }]);
    expect(a.events.final(a.id)).toEqual({
      content: 'Partial ',
      reason: 'error',
      providerFinishReason: null,
    });
    expect(a.events.statuses(a.id).at(-1)).toEqual({ state: 'error' });
    expect(await saved(a)).toMatchObject({
      content: 'Partial ',
      status: 'error',
      endReason: 'error',
      error,
    });
    expect(a.h.stats.providers()).toMatchObject([{ requests: 1, errors: 1 }]);
  });

  it('does not retry an error that would fail again', async () => {
    const adapter = new FakeAdapter([failure(badKey()), answer(['never sent'])]);
    const a = play(adapter);
    await settle(a.done);
    expect(adapter.calls).toHaveLength(1);
    expect(a.events.errors(a.id)).toEqual([{ ...badKey().toInfo(), partialContent: '' }]);
    expect(await saved(a)).toMatchObject({
      content: '',
      status: 'error',
      error: { kind: 'authentication', status: 401 },
    });
  });

  it('times out a provider that goes silent, keeping the text so far', async () => {
    const adapter = new FakeAdapter([answer(['Hel'], { hang: true })]);
    const a = play(adapter, createHarness({ timeouts: { idleMs: 500 } }));
    await settle(a.done);
    expect(performance.now() - a.startedAt).toBeGreaterThanOrEqual(500);
    expect(adapter.calls[0]!.signal.aborted).toBe(true);
    expect(a.events.errors(a.id)).toEqual([
      expect.objectContaining({
        kind: 'timeout',
        suggestion: expect.stringContaining('STREAM_IDLE_TIMEOUT_MS'),
        partialContent: 'Hel',
      }),
    ]);
    expect(a.events.final(a.id)).toMatchObject({ content: 'Hel', reason: 'timeout' });
    expect(await saved(a)).toMatchObject({
      content: 'Hel',
      status: 'error',
      endReason: 'timeout',
      error: { kind: 'timeout' },
    });
  });

  it('stops before the first token: nothing streamed, nothing counted', async () => {
    const adapter = new FakeAdapter([[{ type: 'hang' }]]);
    const a = play(adapter);
    await vi.advanceTimersByTimeAsync(50);
    a.run.stop('user');
    await settle(a.done);

    expect(adapter.calls[0]!.signal.aborted).toBe(true);
    expect(a.events.types(a.id)).toEqual(['status', 'final', 'meter', 'status']);
    expect(a.events.final(a.id)).toEqual({
      content: '',
      reason: 'stopped',
      providerFinishReason: null,
    });
    expect(a.events.meter(a.id)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cachedTokens: 0,
      cost: null,
      ttftMs: null,
      latencyMs: 50,
      tokensPerSecond: null,
      retries: 0,
      estimated: false,
      tokensUsed: 0,
    });
    expect(a.events.statuses(a.id).at(-1)).toEqual({ state: 'stopped' });
    expect(await saved(a)).toMatchObject({ content: '', status: 'stopped', endReason: 'stopped' });
  });

  it('stops after the first token: the text is kept and its tokens are estimated', async () => {
    const adapter = new FakeAdapter([answer(['Hel', 'lo'], { gapMs: 10, hang: true })]);
    const a = play(adapter);
    await vi.advanceTimersByTimeAsync(100);
    a.run.stop('user');
    await settle(a.done);

    expect(adapter.calls[0]!.signal.aborted).toBe(true);
    expect(a.events.errors(a.id)).toEqual([]);
    expect(a.events.final(a.id)).toEqual({
      content: 'Hello',
      reason: 'stopped',
      providerFinishReason: null,
    });
    const meter = a.events.meter(a.id)!;
    expect(meter).toMatchObject({ estimated: true, outputTokens: countTokens('Hello') });
    expect(meter.inputTokens).toBeGreaterThan(0);
    expect(meter.cost).toBe(price(meter));
    expect(await saved(a)).toMatchObject({
      content: 'Hello',
      status: 'stopped',
      endReason: 'stopped',
      metrics: { estimated: true },
    });
  });

  it('marks an answer cut by shutdown as interrupted, keeping the text', async () => {
    const a = play(new FakeAdapter([answer(['Hel', 'lo'], { gapMs: 10, hang: true })]));
    await vi.advanceTimersByTimeAsync(100);
    a.run.stop('shutdown');
    await settle(a.done);
    expect(a.events.final(a.id)).toMatchObject({ content: 'Hello', reason: 'interrupted' });
    expect(a.events.statuses(a.id).at(-1)).toEqual({ state: 'interrupted' });
    expect(await saved(a)).toMatchObject({
      content: 'Hello',
      status: 'interrupted',
      endReason: 'interrupted',
    });
  });

  it('ends a run that never left the queue without asking the provider', async () => {
    for (const [cause, state] of [
      ['user', 'stopped'],
      ['shutdown', 'interrupted'],
    ] as const) {
      const h = createHarness();
      const spec = h.seedAnswer();
      const events = collectEvents(h.hub, spec.sessionId);
      const run = new PaneRun(spec, h.deps);
      await settle(run.cancelQueued(cause));
      expect(events.final(spec.messageId)).toEqual({
        content: '',
        reason: state,
        providerFinishReason: null,
      });
      expect(events.meter(spec.messageId)).toMatchObject({ estimated: false, outputTokens: 0 });
      expect(events.statuses(spec.messageId)).toEqual([{ state }]);
      expect(await h.db.messages.get(spec.messageId)).toMatchObject({ status: state });
    }
  });

  it('estimates the tokens of an answer that finished without usage', async () => {
    const a = play(new FakeAdapter([answer(['Short', ' answer.'])]));
    await settle(a.done);
    expect(a.events.meter(a.id)).toMatchObject({
      estimated: true,
      outputTokens: countTokens('Short answer.'),
    });
    expect(await saved(a)).toMatchObject({ status: 'complete', metrics: { estimated: true } });
  });
});

describe('PaneRun: retries', () => {
  it('retries before the first token, telling subscribers each time, and counts the retries', async () => {
    const adapter = new FakeAdapter([
      failure(rateLimited(300)),
      failure(overloaded(500)),
      answer(['ok'], { usage: { inputTokens: 5, outputTokens: 1 } }),
    ]);
    const a = play(adapter);
    await settle(a.done);

    expect(adapter.calls).toHaveLength(3);
    expect(a.events.types(a.id)).toEqual([
      'status',
      'status',
      'status',
      'token',
      'final',
      'meter',
      'status',
    ]);
    expect(a.events.statuses(a.id)).toEqual([
      { state: 'streaming' },
      {
        state: 'streaming',
        retry: { attempt: 1, delayMs: 300, reason: rateLimited(300).message },
      },
      {
        state: 'streaming',
        retry: { attempt: 2, delayMs: 500, reason: overloaded(500).message },
      },
      { state: 'complete' },
    ]);
    expect(a.events.text(a.id)).toBe('ok');
    expect(a.events.meter(a.id)).toMatchObject({ retries: 2, ttftMs: 800, estimated: false });
    expect(await saved(a)).toMatchObject({ status: 'complete', metrics: { retries: 2 } });
  });

  it('stops during the wait before a retry without asking again', async () => {
    const adapter = new FakeAdapter([failure(rateLimited(800)), answer(['never sent'])]);
    const a = play(adapter);
    await vi.advanceTimersByTimeAsync(100);
    a.run.stop('user');
    await settle(a.done);
    expect(adapter.calls).toHaveLength(1);
    expect(a.events.final(a.id)).toMatchObject({ content: '', reason: 'stopped' });
    expect(a.events.meter(a.id)).toMatchObject({ retries: 1 });
  });
});

describe('PaneRun: what subscribers see while it streams', () => {
  it('sends the first token at once, then merges the tokens of each window', async () => {
    const deltas = Array.from({ length: 10 }, (_, i) => `t${i} `);
    const a = play(
      new FakeAdapter([answer(deltas, { gapMs: 10 })]),
      createHarness({
        settings: { coalesceWindowMs: 33 },
      }),
    );
    await settle(a.done);
    // Deltas at 0, 10, …, 90 ms; a 33 ms window from each flush; the end flushes the rest.
    expect(a.events.tokens(a.id).map((t) => [t.at - a.startedAt, t.data.token])).toEqual([
      [0, 't0 '],
      [33, 't1 t2 t3 '],
      [66, 't4 t5 t6 '],
      [90, 't7 t8 t9 '],
    ]);
    expect(a.events.text(a.id)).toBe(deltas.join(''));
  });

  it('delivers the text exactly, multi-byte characters included, nothing lost or repeated', async () => {
    const deltas = ['Grüße, ', '世界', ' — ', '🎉', '👩‍💻', ' déjà', ' vu', '…', ' 𝄞'];
    const a = play(
      new FakeAdapter([answer(deltas, { gapMs: 7 })]),
      createHarness({
        settings: { coalesceWindowMs: 16 },
      }),
    );
    await settle(a.done);
    const text = deltas.join('');
    expect(a.events.text(a.id)).toBe(text);
    expect(a.events.tokens(a.id).every((t) => t.data.token !== '')).toBe(true);
    expect(a.events.final(a.id)?.content).toBe(text);
    expect(a.run.published).toBe(text);
    expect((await saved(a))?.content).toBe(text);
  });

  it('reports progress with the tokens so far, at most every 250 ms', async () => {
    const deltas = Array.from({ length: 24 }, () => ' word');
    const a = play(new FakeAdapter([answer(deltas, { firstTokenMs: 100, gapMs: 50 })]));
    await settle(a.done);

    const tokens = a.events.tokens(a.id);
    // Deltas 50 ms apart, longer than the coalescing window: one token event each.
    expect(tokens).toHaveLength(24);
    let text = '';
    const progress: { at: number; outputTokens: number; tokensPerSecond: number | null }[] = [];
    for (const { at, data } of tokens) {
      text += data.token;
      if (!data.progress) continue;
      const since = at - a.startedAt;
      expect(data.progress.outputTokens).toBe(countTokens(text));
      expect(data.progress.elapsedMs).toBe(since);
      progress.push({ at: since, ...data.progress });
    }
    expect(progress.map((p) => p.at)).toEqual([250, 500, 750, 1000, 1250]);
    // The rate needs 250 ms of streaming: the first token came at 100 ms.
    expect(progress[0]!.tokensPerSecond).toBeNull();
    for (const p of progress.slice(1))
      expect(p.tokensPerSecond).toBe(p.outputTokens / ((p.at - 100) / 1000));
  });
});

describe('PaneRun: saving', () => {
  it('saves the text while it streams, the final save last', async () => {
    const deltas = Array.from({ length: 30 }, (_, i) => `${i} `);
    const a = play(
      new FakeAdapter([answer(deltas, { gapMs: 100 })]),
      createHarness({
        settings: { persistIntervalMs: 1000 },
      }),
    );
    await settle(a.done);
    // Long after the end: nothing more is written.
    await vi.advanceTimersByTimeAsync(5000);
    const writes = a.h.db.calls.filter(
      (c) => c.messageIds.includes(a.id) && c.method !== 'messages.get',
    );
    // The answer streams for 2.9 s: partial saves at 1 s and 2 s.
    expect(writes.map((w) => w.method)).toEqual([
      'broadcasts.launch',
      'messages.updateContents',
      'messages.updateContents',
      'messages.finish',
    ]);
    expect(await saved(a)).toMatchObject({ content: deltas.join(''), status: 'complete' });
  });

  it('shows an end whose save failed as not saved, retries it with backoff, then says it is saved', async () => {
    const h = createHarness({ finalSaves: { baseDelayMs: 200, maxDelayMs: 5000 } });
    h.db.failNext('messages.finish', 3);
    const a = play(new FakeAdapter([answer(['Hello'])]), h);
    await settle(a.done);

    expect(a.events.statuses(a.id)).toEqual([
      { state: 'streaming' },
      { state: 'complete', saved: false },
    ]);
    expect(a.events.final(a.id)?.content).toBe('Hello');
    expect(h.finalSaves.count).toBe(1);
    expect(h.finalSaves.bytes).toBe('Hello'.length);
    expect(await saved(a)).toMatchObject({ status: 'streaming' });

    await settle(h.finalSaves.drain(60_000));
    expect(a.events.statuses(a.id).at(-1)).toEqual({ state: 'complete', saved: true });
    expect(a.events.statuses(a.id)).toHaveLength(3);
    const attempts = h.db.callsOf('messages.finish', a.id).map((c) => c.at);
    expect(attempts.map((at) => at - attempts[0]!)).toEqual([0, 200, 600, 1400]);
    expect(h.finalSaves.count).toBe(0);
    expect(h.finalSaves.bytes).toBe(0);
    expect(await saved(a)).toMatchObject({ content: 'Hello', status: 'complete' });
  });

  it('keeps an answer’s writes in order: a partial save late to the database never undoes the final one', async () => {
    const h = createHarness({ settings: { persistIntervalMs: 1000 } });
    const releasePartial = h.db.hangNext('messages.updateContents');
    const deltas = Array.from({ length: 15 }, (_, i) => `${i} `);
    const a = play(new FakeAdapter([answer(deltas, { gapMs: 100 })]), h);
    await settle(a.done);
    expect(await saved(a)).toMatchObject({ content: deltas.join(''), status: 'complete' });
    // The partial save from 1 s reaches the database only now, after the final one.
    releasePartial();
    await vi.advanceTimersByTimeAsync(0);

    const writes = h.db.calls
      .filter((c) => c.messageIds.includes(a.id) && c.method !== 'messages.get')
      .map((c) => c.method);
    expect(writes).toEqual(['broadcasts.launch', 'messages.updateContents', 'messages.finish']);
    expect(await saved(a)).toMatchObject({ content: deltas.join(''), status: 'complete' });
  });

  it('streams before its launch is saved, writing nothing of its own until it is', async () => {
    const h = createHarness({ settings: { persistIntervalMs: 1000 } });
    const releaseLaunch = h.db.hangNext('broadcasts.launch');
    const deltas = Array.from({ length: 40 }, (_, i) => `${i} `);
    const a = play(new FakeAdapter([answer(deltas, { gapMs: 100 })]), h);

    await vi.advanceTimersByTimeAsync(2500);
    expect(a.events.text(a.id)).toBe(deltas.slice(0, 26).join(''));
    expect(h.db.callsOf('messages.updateContents')).toEqual([]);
    releaseLaunch();
    const launchedAt = Date.now();
    await settle(a.done);

    const partial = h.db.callsOf('messages.updateContents', a.id);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((c) => c.at > launchedAt)).toBe(true);
    expect(await saved(a)).toMatchObject({ content: deltas.join(''), status: 'complete' });
  });

  it('holds its end until its launch is saved', async () => {
    const h = createHarness();
    const releaseLaunch = h.db.hangNext('broadcasts.launch');
    const a = play(new FakeAdapter([answer(['Quick.'])]), h);
    await vi.advanceTimersByTimeAsync(1000);
    expect(a.events.types(a.id)).toEqual(['status', 'token']);
    expect(h.db.callsOf('messages.finish')).toEqual([]);

    releaseLaunch();
    await settle(a.done);
    expect(a.events.final(a.id)).toMatchObject({ content: 'Quick.', reason: 'done' });
    expect(await saved(a)).toMatchObject({ content: 'Quick.', status: 'complete' });
    // Its end was saved whole: no partial save follows it.
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.db.callsOf('messages.updateContents', a.id)).toEqual([]);
  });
});
