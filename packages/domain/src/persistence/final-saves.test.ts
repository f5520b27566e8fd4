import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { silentLogger } from '@mlb/logger';

import { isSettled, settle } from '../../test/fake-clock';
import { createHarness } from '../../test/harness';
import { FinalSaves, type EndedAnswer, type FinalSavesOptions } from './final-saves';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** FinalSaves over an in-memory database holding streaming answers, recording late saves. */
async function setup(options: Partial<FinalSavesOptions> = {}) {
  const h = createHarness();
  const late: EndedAnswer[] = [];
  const saves = new FinalSaves(
    { db: h.db, logger: silentLogger, onSavedLate: (answer) => late.push(answer) },
    options,
  );
  /** A streaming answer in the database, and its end. */
  const answer = async (content: string): Promise<EndedAnswer> => {
    const spec = h.seedAnswer();
    await spec.persisted;
    return {
      messageId: spec.messageId,
      paneId: spec.pane.id,
      sessionId: spec.sessionId,
      finished: {
        content,
        status: 'complete',
        endReason: 'done',
        finishReason: 'stop',
        error: null,
        metrics: null,
      },
    };
  };
  const attempts = (messageId: string) => {
    const at = h.db.callsOf('messages.finish', messageId).map((c) => c.at);
    return at.map((t) => t - at[0]!);
  };
  return { db: h.db, saves, late, answer, attempts };
}

describe('FinalSaves', () => {
  it('saves an ended answer at once and holds nothing after', async () => {
    const { db, saves, late, answer } = await setup();
    const ended = await answer('Hello');
    expect(await saves.save(ended)).toBe(true);
    expect(await db.messages.get(ended.messageId)).toMatchObject({
      content: 'Hello',
      status: 'complete',
      endReason: 'done',
    });
    expect(saves.count).toBe(0);
    expect(saves.bytes).toBe(0);
    expect(late).toEqual([]);
  });

  it('answers "not saved" at once when the database fails, then retries with a growing, capped backoff until it succeeds', async () => {
    const { db, saves, late, answer, attempts } = await setup({
      baseDelayMs: 100,
      maxDelayMs: 300,
    });
    const ended = await answer('Hello, world');
    db.failNext('messages.finish', 5);
    expect(await saves.save(ended)).toBe(false);
    expect(saves.count).toBe(1);
    expect(saves.bytes).toBe('Hello, world'.length);
    expect(saves.get(ended.messageId)).toBe(ended);

    await settle(saves.drain(60_000));
    expect(attempts(ended.messageId)).toEqual([0, 100, 300, 600, 900, 1200]);
    expect(late).toEqual([ended]);
    expect(saves.count).toBe(0);
    expect(saves.bytes).toBe(0);
    expect(saves.get(ended.messageId)).toBeUndefined();
    expect(await db.messages.get(ended.messageId)).toMatchObject({ status: 'complete' });
  });

  it('answers "not saved" when the first save takes longer than firstAttemptMs, and reports it when it lands', async () => {
    const { db, saves, late, answer } = await setup({ firstAttemptMs: 2000 });
    const ended = await answer('Slow');
    const release = db.hangNext('messages.finish');
    const saved = saves.save(ended);
    await vi.advanceTimersByTimeAsync(1999);
    expect(await isSettled(saved)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await saved).toBe(false);

    await vi.advanceTimersByTimeAsync(3000);
    expect(late).toEqual([]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(late).toEqual([ended]);
    expect(db.callsOf('messages.finish')).toHaveLength(1);
    expect(saves.count).toBe(0);
  });

  it('counts every answer it holds, and lets each go as it is saved', async () => {
    const { db, saves, answer } = await setup({ baseDelayMs: 100, maxDelayMs: 100 });
    const first = await answer('12345');
    const second = await answer('1234567890');
    db.failNext('messages.finish', 2);
    await saves.save(first);
    await saves.save(second);
    expect(saves.count).toBe(2);
    expect(saves.bytes).toBe(15);

    // One more failure for the first: the second lands first.
    db.failNext('messages.finish', 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(saves.count).toBe(1);
    expect(saves.bytes).toBe(5);
    expect(saves.get(first.messageId)).toBe(first);
    await vi.advanceTimersByTimeAsync(100);
    expect(saves.count).toBe(0);
    expect(saves.bytes).toBe(0);
  });

  it('drains: waits until nothing is pending, or returns how many are left after its bound', async () => {
    const { db, saves, answer } = await setup({ baseDelayMs: 1000, maxDelayMs: 1000 });
    expect(await saves.drain(10)).toBe(0);

    const ended = await answer('Pending');
    db.failNext('messages.finish', 2);
    await saves.save(ended);
    const bounded = saves.drain(500);
    await vi.advanceTimersByTimeAsync(499);
    expect(await isSettled(bounded)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await bounded).toBe(1);

    const patient = saves.drain(60_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await isSettled(patient)).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await patient).toBe(0);
  });

  it('drops the end of an answer whose session was deleted, without retrying', async () => {
    const { db, saves, late, answer } = await setup();
    const ended = await answer('Orphan');
    await db.sessions.delete(ended.sessionId);
    expect(await saves.save(ended)).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(db.callsOf('messages.finish')).toHaveLength(1);
    expect(saves.count).toBe(0);
    expect(saves.bytes).toBe(0);
    expect(late).toEqual([]);
  });

  it('stops retrying once the session of a failing save is deleted', async () => {
    const { db, saves, late, answer } = await setup({ baseDelayMs: 200 });
    const ended = await answer('Orphan soon');
    db.failNext('messages.finish', 1);
    expect(await saves.save(ended)).toBe(false);
    await db.sessions.delete(ended.sessionId);
    expect(await settle(saves.drain(60_000))).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(db.callsOf('messages.finish')).toHaveLength(2);
    expect(late).toEqual([]);
  });
});
