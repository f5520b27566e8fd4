import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { InterruptedAnswer } from '@mlb/db';
import { silentLogger } from '@mlb/logger';

import { collectEvents } from '../test/collect-events';
import { isSettled } from '../test/fake-clock';
import { MemoryDb } from '../test/memory-db';
import { announceInterrupted } from './announcements';
import { MemoryEventLog } from './event-log/memory-event-log';
import { InstanceLiveness, type LivenessOptions } from './instance-liveness';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const OPTIONS: LivenessOptions = { heartbeatMs: 5000, staleMs: 20_000, reapMs: 10_000 };

function setup(db = new MemoryDb()) {
  const interrupted: InterruptedAnswer[][] = [];
  const liveness = new InstanceLiveness(
    { db, logger: silentLogger, onInterrupted: (answers) => interrupted.push(answers) },
    OPTIONS,
  );
  return { db, liveness, interrupted };
}

/** An answer some process left "streaming" in the database, with the text it had saved. */
async function streamingAnswer(
  db: MemoryDb,
  ownerId: string | null,
  content = 'Half an answer',
): Promise<InterruptedAnswer> {
  const now = new Date();
  const [sessionId, paneId, broadcastId, messageId] = [0, 1, 2, 3].map(() => randomUUID()) as [
    string,
    string,
    string,
    string,
  ];
  await db.broadcasts.launch({
    session: { id: sessionId, title: 'Left behind', isNew: true },
    panes: [
      {
        id: paneId,
        sessionId,
        providerId: 'fake',
        modelId: 'fake-model',
        kind: 'chat',
        params: {},
        systemPrompt: null,
        position: 0,
        createdAt: now,
      },
    ],
    broadcast: { id: broadcastId, prompt: 'Hi', kind: 'broadcast', createdAt: now },
    messages: [
      {
        id: messageId,
        paneId,
        broadcastId,
        role: 'assistant',
        content: '',
        status: 'streaming',
        ownerId,
        createdAt: now,
      },
    ],
  });
  await db.messages.updateContents([{ id: messageId, content }]);
  return { messageId, paneId, sessionId, content };
}

const statusOf = async (db: MemoryDb, answer: InterruptedAnswer) =>
  (await db.messages.get(answer.messageId))?.status;

/** The pid of a process of this machine that has exited. */
function exitedPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

describe('InstanceLiveness', () => {
  it('registers this process and records that it is alive every heartbeatMs', async () => {
    const { db, liveness } = setup();
    await liveness.start();
    expect(await db.instances.alive(new Date(0))).toEqual([
      expect.objectContaining({ id: liveness.id, pid: process.pid, hostname: hostname() }),
    ]);
    await vi.advanceTimersByTimeAsync(OPTIONS.heartbeatMs * 3);
    expect(db.callsOf('instances.heartbeat')).toHaveLength(4);
    const [self] = await db.instances.alive(new Date(0));
    expect(Date.parse(self!.heartbeatAt)).toBe(Date.now());
  });

  it('on start ends the answers of processes that are gone, keeping their text, and reports them', async () => {
    const db = new MemoryDb();
    await db.instances.heartbeat({ id: 'gone', pid: 4242, hostname: 'elsewhere' });
    const ofGone = await streamingAnswer(db, 'gone', 'Cut short');
    const ownerless = await streamingAnswer(db, null, 'From before owners were recorded');
    await vi.advanceTimersByTimeAsync(OPTIONS.staleMs + 1);
    await db.instances.heartbeat({ id: 'alive', pid: 4343, hostname: 'elsewhere' });
    const ofAlive = await streamingAnswer(db, 'alive');

    const { liveness, interrupted } = setup(db);
    expect(await liveness.start()).toBe(2);
    expect(interrupted).toHaveLength(1);
    expect(interrupted[0]).toEqual(expect.arrayContaining([ofGone, ownerless]));
    expect(interrupted[0]).toHaveLength(2);
    expect(await db.messages.get(ofGone.messageId)).toMatchObject({
      content: 'Cut short',
      status: 'interrupted',
      endReason: 'interrupted',
    });
    expect(await statusOf(db, ownerless)).toBe('interrupted');
    expect(await statusOf(db, ofAlive)).toBe('streaming');
    expect((await db.instances.alive(new Date(0))).map((i) => i.id).sort()).toEqual(
      ['alive', liveness.id].sort(),
    );
  });

  it('ends the answers of a process that stops beating once it is stale, never those of one that beats', async () => {
    const { db, liveness, interrupted } = setup();
    await db.instances.heartbeat({ id: 'other', pid: 4242, hostname: 'elsewhere' });
    const answer = await streamingAnswer(db, 'other');
    const own = await streamingAnswer(db, liveness.id);
    await liveness.start();

    // The other process beats for 30 s, then stops.
    for (let beats = 0; beats < 6; beats += 1) {
      await vi.advanceTimersByTimeAsync(OPTIONS.heartbeatMs);
      await db.instances.heartbeat({ id: 'other', pid: 4242, hostname: 'elsewhere' });
    }
    expect(await statusOf(db, answer)).toBe('streaming');
    await vi.advanceTimersByTimeAsync(OPTIONS.staleMs);
    expect(await statusOf(db, answer)).toBe('streaming');
    await vi.advanceTimersByTimeAsync(OPTIONS.reapMs);
    expect(await statusOf(db, answer)).toBe('interrupted');
    expect(interrupted).toEqual([[answer]]);
    expect((await db.instances.alive(new Date(0))).map((i) => i.id)).toEqual([liveness.id]);
    expect(await statusOf(db, own)).toBe('streaming');
  });

  it('counts a process of this machine whose pid no longer runs as gone at once', async () => {
    const db = new MemoryDb();
    const here = hostname();
    const pid = exitedPid();
    await db.instances.heartbeat({ id: 'exited here', pid, hostname: here });
    await db.instances.heartbeat({ id: 'running here', pid: process.ppid, hostname: here });
    await db.instances.heartbeat({ id: 'exited elsewhere', pid, hostname: `not-${here}` });
    const ofExited = await streamingAnswer(db, 'exited here');
    const ofRunning = await streamingAnswer(db, 'running here');
    const ofElsewhere = await streamingAnswer(db, 'exited elsewhere');

    const { liveness, interrupted } = setup(db);
    expect(await liveness.start()).toBe(1);
    expect(interrupted).toEqual([[ofExited]]);
    expect(await statusOf(db, ofRunning)).toBe('streaming');
    // Another machine's pids cannot be checked from here: only its heartbeat counts.
    expect(await statusOf(db, ofElsewhere)).toBe('streaming');
  });

  it('tells subscribers about the answers it ends', async () => {
    const db = new MemoryDb();
    const answer = await streamingAnswer(db, null, 'Kept text');
    const hub = new MemoryEventLog();
    const events = collectEvents(hub, answer.sessionId);
    const liveness = new InstanceLiveness(
      { db, logger: silentLogger, onInterrupted: (answers) => announceInterrupted(hub, answers) },
      OPTIONS,
    );
    await liveness.start();
    expect(events.of(answer.messageId).map((s) => s.event)).toEqual([
      {
        type: 'final',
        sessionId: answer.sessionId,
        paneId: answer.paneId,
        messageId: answer.messageId,
        data: { content: 'Kept text', reason: 'interrupted', providerFinishReason: null },
      },
      {
        type: 'status',
        sessionId: answer.sessionId,
        paneId: answer.paneId,
        messageId: answer.messageId,
        data: { state: 'interrupted' },
      },
    ]);
  });

  it('stops beating and forgets this process when stopped', async () => {
    const { db, liveness } = setup();
    await liveness.start();
    await liveness.stop();
    expect(await db.instances.alive(new Date(0))).toEqual([]);
    const calls = db.calls.length;
    await vi.advanceTimersByTimeAsync(OPTIONS.reapMs * 3);
    expect(db.calls).toHaveLength(calls);
  });

  it('does not start when its first heartbeat fails', async () => {
    const { db, liveness } = setup();
    db.failNext('instances.heartbeat');
    await expect(liveness.start()).rejects.toThrow("Can't reach database server");
  });

  it('keeps beating after a heartbeat fails', async () => {
    const { db, liveness } = setup();
    await liveness.start();
    db.failNext('instances.heartbeat');
    await vi.advanceTimersByTimeAsync(OPTIONS.heartbeatMs * 2);
    expect(db.callsOf('instances.heartbeat')).toHaveLength(3);
    const [self] = await db.instances.alive(new Date(0));
    expect(Date.parse(self!.heartbeatAt)).toBe(Date.now());
  });

  it('stops cleanly while a reap it started is failing', async () => {
    const { db, liveness } = setup();
    await liveness.start();
    const failReap = db.hangNext('instances.alive');
    await vi.advanceTimersByTimeAsync(OPTIONS.reapMs);
    const stopped = liveness.stop();
    expect(await isSettled(stopped)).toBe(false);
    failReap(new Error('Connection terminated unexpectedly'));
    await expect(stopped).resolves.toBeUndefined();
    expect(await db.instances.alive(new Date(0))).toEqual([]);
  });
});
