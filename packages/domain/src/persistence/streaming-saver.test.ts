import { describe, expect, it } from 'vitest';

import { silentLogger } from '@mlb/logger';

import { StreamingSaver, type StreamingSaverDeps } from './streaming-saver';

type Update = { id: string; content: string };

function harness(updateContents: (updates: Update[]) => Promise<void> = async () => undefined) {
  const calls: Update[][] = [];
  const db: StreamingSaverDeps['db'] = {
    messages: {
      updateContents: (updates: Update[]) => {
        calls.push(updates);
        return updateContents(updates);
      },
    },
  };
  // A long interval: the tests flush by hand.
  const saver = new StreamingSaver({ db, logger: silentLogger }, 60_000);
  return { saver, calls };
}

const answer = (messageId: string, content = '') => ({ messageId, content });

describe('StreamingSaver', () => {
  it('saves every changed answer in one call, and nothing that did not change', async () => {
    const { saver, calls } = harness();
    const a = answer('a');
    const b = answer('b');
    const c = answer('c');
    for (const x of [a, b, c]) saver.track(x);
    a.content = 'Hello';
    b.content = 'Wor';
    await saver.flush();
    expect(calls).toEqual([
      [
        { id: 'a', content: 'Hello' },
        { id: 'b', content: 'Wor' },
      ],
    ]);
    await saver.flush();
    expect(calls).toHaveLength(1);
    b.content = 'World';
    await saver.flush();
    expect(calls[1]).toEqual([{ id: 'b', content: 'World' }]);
    expect(calls).toHaveLength(2);
    for (const x of [a, b, c]) saver.untrack(x);
  });

  it('saves text an answer already had when tracked, and stops saving untracked answers', async () => {
    const { saver, calls } = harness();
    const early = answer('early', 'tokens before its row existed');
    const gone = answer('gone');
    saver.track(early);
    saver.track(gone);
    gone.content = 'finished';
    saver.untrack(gone);
    await saver.flush();
    expect(calls).toEqual([[{ id: 'early', content: 'tokens before its row existed' }]]);
    saver.untrack(early);
    expect(saver.size).toBe(0);
  });

  it('tries again after a failed save, and skips a tick while a save is still running', async () => {
    let fail = true;
    let release!: () => void;
    const { saver, calls } = harness(async () => {
      if (fail) throw new Error('disk full');
      await new Promise<void>((resolve) => (release = resolve));
    });
    const a = answer('a', 'one');
    saver.track(a);
    await saver.flush();
    expect(calls).toHaveLength(1);
    fail = false;
    const slow = saver.flush();
    await saver.flush();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual([{ id: 'a', content: 'one' }]);
    release();
    await slow;
    expect(calls).toHaveLength(2);
    saver.untrack(a);
  });

  it('saves on its own every interval while answers are tracked', async () => {
    const calls: Update[][] = [];
    const db: StreamingSaverDeps['db'] = {
      messages: { updateContents: async (u: Update[]) => void calls.push(u) },
    };
    const saver = new StreamingSaver({ db, logger: silentLogger }, 20);
    const a = answer('a');
    saver.track(a);
    a.content = 'x';
    await expect.poll(() => calls.length).toBe(1);
    a.content = 'xy';
    await expect.poll(() => calls.length).toBe(2);
    saver.untrack(a);
    a.content = 'xyz';
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toHaveLength(2);
  });
});
