import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { collectEvents } from '../test/collect-events';
import { answer, FakeAdapter } from '../test/fake-adapter';
import { isSettled, settle } from '../test/fake-clock';
import { createHarness, type Harness } from '../test/harness';
import { DomainError } from './errors';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** An answer that streams one token and then waits until it is stopped. */
const endless = () => new FakeAdapter([answer(['Thinking'], { hang: true })]);

/** Starts an answer in a new pane (of `sessionId` when given). */
function start(h: Harness, adapter: FakeAdapter, sessionId?: string) {
  const spec = h.seedAnswer(sessionId === undefined ? {} : { sessionId });
  const run = h.runs.start(spec, adapter);
  return { spec, run, adapter, paneId: spec.pane.id, sessionId: spec.sessionId };
}

const refusal = (fn: () => void): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
};

describe('RunManager', () => {
  it('runs one answer per pane at a time', async () => {
    const h = createHarness();
    const a = start(h, endless());
    await vi.advanceTimersByTimeAsync(10);
    const busy = refusal(() => h.runs.assertCanStart(a.sessionId, [a.paneId]));
    expect(busy.code).toBe('CONFLICT');
    expect(busy.message).toContain(a.paneId);
    expect(h.runs.get(a.paneId)).toBe(a.run);

    expect(h.runs.stop(a.paneId)).toBe(true);
    await settle(a.run.done);
    expect(h.runs.get(a.paneId)).toBeUndefined();
    expect(() => h.runs.assertCanStart(a.sessionId, [a.paneId])).not.toThrow();
    expect(h.runs.stop(a.paneId)).toBe(false);
  });

  it('limits the answers running in one session, queued ones included', async () => {
    const h = createHarness({ runs: { maxRunsPerSession: 3, maxConcurrentStreams: 2 } });
    const first = start(h, endless());
    start(h, endless(), first.sessionId);
    const queued = start(h, endless(), first.sessionId);
    expect(queued.run.state).toBe('queued');

    expect(refusal(() => h.runs.assertCanStart(first.sessionId, ['another pane'])).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect(() => h.runs.assertCanStart('another session', ['another pane'])).not.toThrow();
    h.runs.stop(queued.paneId);
    await settle(queued.run.done);
    expect(() => h.runs.assertCanStart(first.sessionId, ['another pane'])).not.toThrow();
    expect(refusal(() => h.runs.assertCanStart(first.sessionId, ['pane a', 'pane b'])).code).toBe(
      'TOO_MANY_REQUESTS',
    );
  });

  it('caps the streams open at once; the others wait in a first-in, first-out queue', async () => {
    const h = createHarness({ runs: { maxConcurrentStreams: 2 } });
    const answers = [0, 1, 2, 3].map(() => start(h, endless()));
    const events = answers.map((a) => collectEvents(h.hub, a.sessionId));
    await vi.advanceTimersByTimeAsync(10);

    expect(h.runs.runningCount).toBe(2);
    expect(h.runs.queuedCount).toBe(2);
    expect(answers.map((a) => a.run.state)).toEqual(['streaming', 'streaming', 'queued', 'queued']);
    expect(answers.map((a) => a.adapter.calls.length)).toEqual([1, 1, 0, 0]);

    h.runs.stop(answers[1]!.paneId);
    await settle(answers[1]!.run.done);
    await vi.advanceTimersByTimeAsync(10);
    expect(answers.map((a) => a.run.state)).toEqual([
      'streaming',
      'stopped',
      'streaming',
      'queued',
    ]);
    expect(events[2]!.statuses().map((s) => s.state)).toEqual(['streaming']);
    expect(events[2]!.text()).toBe('Thinking');

    h.runs.stop(answers[0]!.paneId);
    await settle(answers[0]!.run.done);
    await vi.advanceTimersByTimeAsync(10);
    expect(answers[3]!.run.state).toBe('streaming');
    expect(h.runs.runningCount).toBe(2);
    expect(h.runs.queuedCount).toBe(0);
  });

  it('says a queued answer is queued, then streaming once a stream is free', async () => {
    const h = createHarness({ runs: { maxConcurrentStreams: 1 } });
    const first = start(h, new FakeAdapter([answer(['Done.'], { firstTokenMs: 500 })]));
    const second = h.seedAnswer();
    const events = collectEvents(h.hub, second.sessionId);
    const run = h.runs.start(second, new FakeAdapter([answer(['Me too.'])]));
    await vi.advanceTimersByTimeAsync(100);
    expect(events.statuses(second.messageId).map((s) => s.state)).toEqual(['queued']);

    await settle(Promise.all([first.run.done, run.done]));
    expect(events.statuses(second.messageId).map((s) => s.state)).toEqual([
      'queued',
      'streaming',
      'complete',
    ]);
    expect(events.text(second.messageId)).toBe('Me too.');
  });

  it('cancels a queued answer without ever asking its provider', async () => {
    const h = createHarness({ runs: { maxConcurrentStreams: 1 } });
    start(h, endless());
    const queued = start(h, endless());
    const events = collectEvents(h.hub, queued.sessionId);
    await vi.advanceTimersByTimeAsync(10);

    expect(h.runs.stop(queued.paneId)).toBe(true);
    expect(h.runs.queuedCount).toBe(0);
    await settle(queued.run.done);
    expect(queued.adapter.calls).toEqual([]);
    expect(events.final()).toEqual({ content: '', reason: 'stopped', providerFinishReason: null });
    expect(events.statuses().at(-1)).toEqual({ state: 'stopped' });
    expect(await h.db.messages.get(queued.spec.messageId)).toMatchObject({ status: 'stopped' });
  });

  it('refuses new answers while ended ones wait for the database past the bound, and takes them again once saved', async () => {
    const h = createHarness({
      runs: { maxUnsavedChars: 10 },
      finalSaves: { baseDelayMs: 1000, maxDelayMs: 1000 },
    });
    h.db.failNext('messages.finish', 3);
    const a = start(h, new FakeAdapter([answer(['Hello, world!'])]));
    await settle(a.run.done);
    expect(h.finalSaves.bytes).toBe(13);

    const refused = refusal(() => h.runs.assertCanStart('another session', ['another pane']));
    expect(refused.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.message).toContain('has not accepted the last answer (');
    expect(refused.suggestion).toContain('DATABASE_URL');

    await settle(h.finalSaves.drain(60_000));
    expect(() => h.runs.assertCanStart('another session', ['another pane'])).not.toThrow();
  });

  it('ends every answer as interrupted on shutdown, queued ones too, and refuses new ones', async () => {
    const h = createHarness({ runs: { maxConcurrentStreams: 1 } });
    const streaming = start(h, endless());
    const queued = start(h, endless());
    await vi.advanceTimersByTimeAsync(10);

    await settle(h.runs.shutdown(5000));
    expect(streaming.run.state).toBe('interrupted');
    expect(queued.run.state).toBe('interrupted');
    expect(queued.adapter.calls).toEqual([]);
    expect(streaming.adapter.calls[0]!.signal.aborted).toBe(true);
    expect(await h.db.messages.get(streaming.spec.messageId)).toMatchObject({
      content: 'Thinking',
      status: 'interrupted',
      endReason: 'interrupted',
    });
    expect(await h.db.messages.get(queued.spec.messageId)).toMatchObject({
      status: 'interrupted',
    });
    expect(refusal(() => h.runs.assertCanStart('s', ['p'])).code).toBe('PRECONDITION_FAILED');
  });

  it('ends queued answers at once on shutdown, without waiting for a stream to be free', async () => {
    const h = createHarness({
      runs: { maxConcurrentStreams: 1 },
      finalSaves: { firstAttemptMs: 60_000 },
    });
    // The only stream stays taken: its answer has ended, but the database has not answered yet.
    h.db.hangNext('messages.finish');
    start(h, new FakeAdapter([answer(['Done.'])]));
    const queued = start(h, endless());
    await vi.advanceTimersByTimeAsync(10);
    expect(queued.run.state).toBe('queued');

    void h.runs.shutdown(5000);
    await vi.advanceTimersByTimeAsync(10);
    expect(queued.run.state).toBe('interrupted');
    expect(await h.db.messages.get(queued.spec.messageId)).toMatchObject({
      status: 'interrupted',
    });
  });

  it('waits at most its bound for answers to end on shutdown', async () => {
    const h = createHarness({ finalSaves: { firstAttemptMs: 60_000 } });
    const a = start(h, endless());
    await vi.advanceTimersByTimeAsync(10);
    const release = h.db.hangNext('messages.finish');

    const shutdown = h.runs.shutdown(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(await isSettled(shutdown)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await isSettled(shutdown)).toBe(true);
    expect(await isSettled(a.run.done)).toBe(false);

    release();
    await settle(a.run.done);
    expect(a.run.state).toBe('interrupted');
  });
});
