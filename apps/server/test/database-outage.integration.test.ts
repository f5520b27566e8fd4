import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '@mlb/logger';

import { startServer } from '../src/create-server';
import { loadEnv } from '../src/env';
import {
  collectEvents,
  envFor,
  startHarness,
  startUpstreams,
  textOf,
  type Harness,
  type Received,
  type Upstreams,
} from './harness';
import { POSTGRES, postgresSchema } from './postgres';
import { startTcpRelay, type TcpRelay } from './tcp-relay';

const THREE = [
  { providerId: 'litellm', modelId: 'gpt-4o-mini' },
  { providerId: 'google', modelId: 'gemini-2.0-flash' },
  { providerId: 'groq', modelId: 'llama-3.1-8b-instant' },
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const answerText = (modelId: string) => `${modelId}: ${'one two three four '.repeat(30)}`;

let upstreams: Upstreams;
let relay: TcpRelay;
let schema: ReturnType<typeof postgresSchema>;
let h: Harness;

beforeAll(async () => {
  upstreams = await startUpstreams();
  relay = await startTcpRelay(POSTGRES);
  schema = postgresSchema();
  // The server reaches PostgreSQL only through the relay, which the test can cut.
  h = await startHarness(envFor(upstreams, schema.url(relay.port), { DATABASE_WAIT_MS: '10000' }));
});

afterAll(async () => {
  await h.stop();
  await relay.close();
  await upstreams.close();
  await schema.drop();
});

const savedFlags = (events: Received[], messageId: string) =>
  events.flatMap((e) =>
    e.event.type === 'status' && e.event.messageId === messageId && e.event.data.saved !== undefined
      ? [e.event.data.saved]
      : [],
  );

describe('the database goes away for 5 s while answers stream (PostgreSQL behind a relay)', () => {
  it('shows the answers end unsaved, saves each exactly once the database is back, and leaves nothing streaming', async () => {
    for (const { providerId, modelId } of THREE) {
      const fake =
        providerId === 'litellm'
          ? upstreams.litellm
          : providerId === 'google'
            ? upstreams.google
            : upstreams.groq;
      fake.setScenario(modelId, { text: answerText(modelId), tokenDelayMs: 8 });
    }
    const result = await h.client.broadcast.create.mutate({ prompt: 'survive it', models: THREE });
    const ids = result.panes.map((p) => p.messageId);

    let cutAt = 0;
    let stats: Awaited<ReturnType<typeof h.client.stats.get.query>> | null = null;
    const events = await collectEvents(
      h.client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      (ev, recheck) => {
        if (cutAt === 0 && ev.some((e) => e.event.type === 'token')) {
          cutAt = Date.now();
          // Cut after the launch is saved and the answers stream; restore 5 s later.
          void relay.cut().then(async () => {
            await sleep(4500);
            stats = await h.client.stats.get.query();
            await sleep(500);
            await relay.restore();
            recheck();
          });
        }
        return ids.every((id) => savedFlags(ev, id).includes(true));
      },
      30_000,
    );

    for (const pane of result.panes) {
      // Shown as ended while the database was away, marked not saved, then saved.
      const final = events.find(
        (e) => e.event.type === 'final' && e.event.messageId === pane.messageId,
      );
      expect(final?.event.type === 'final' && final.event.data.content).toBe(
        answerText(pane.modelId),
      );
      expect(textOf(events, pane.messageId)).toBe(answerText(pane.modelId));
      expect(savedFlags(events, pane.messageId)).toEqual([false, true]);
    }
    // While it was away the three ended answers were held, and said so.
    expect(stats).toMatchObject({ unsavedAnswers: 3 });
    expect(stats!.unsavedChars).toBe(THREE.reduce((n, m) => n + answerText(m.modelId).length, 0));

    const session = await h.client.sessions.get.query({ sessionId: result.sessionId });
    for (const pane of session.panes) {
      expect(pane.messages[1]).toMatchObject({
        status: 'complete',
        endReason: 'done',
        content: answerText(pane.modelId),
        metrics: expect.objectContaining({ estimated: false }),
      });
    }
    const after = await h.client.stats.get.query();
    expect(after).toMatchObject({ unsavedAnswers: 0, unsavedChars: 0 });
  });

  it('tells an API client plainly that the database is away, without driver text or stack', async () => {
    await relay.cut();
    try {
      const error = await h.client.sessions.list.query({}).catch((e: unknown) => e);
      expect(error).toMatchObject({
        message: 'The database is not answering right now.',
        data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
      });
      const text = JSON.stringify(error);
      expect(text).not.toMatch(/stack|node_modules|\.ts:|prisma|ECONNREFUSED/i);
      expect((error as { data: { suggestion: string } }).data.suggestion).toContain('DATABASE_URL');
    } finally {
      await relay.restore();
    }
  });
});

describe('a second instance starting on the same database while the first streams', () => {
  it('leaves the first one’s answer streaming in the database until it completes', async () => {
    const text = 'slowly '.repeat(60);
    upstreams.groq.setScenario('llama-3.1-8b-instant', { text, chunkSize: 7, tokenDelayMs: 40 });
    const result = await h.client.broadcast.create.mutate({
      prompt: 'take your time',
      models: [{ providerId: 'groq', modelId: 'llama-3.1-8b-instant' }],
    });
    await collectEvents(
      h.client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      (ev) => ev.filter((e) => e.event.type === 'token').length >= 3,
    );
    // The second process starts on the same schema (directly, not through the relay) and recovers.
    const second = await startServer(
      loadEnv(envFor(upstreams, schema.url(), { PERSIST_INTERVAL_MS: '50' })),
      silentLogger,
    );
    try {
      const seen = await second.workspace.sessions.get(result.sessionId);
      expect(seen.panes[0]!.messages[1]!.status).toBe('streaming');
      // Well past its start: still streaming, still owned by the first instance.
      await sleep(800);
      const still = await second.workspace.sessions.get(result.sessionId);
      expect(still.panes[0]!.messages[1]!.status).toBe('streaming');
      expect(still.panes[0]!.messages[1]!.content.length).toBeGreaterThan(0);

      await collectEvents(
        h.client,
        { sessionId: result.sessionId, lastEventId: result.lastEventId },
        (ev) => ev.some((e) => e.event.type === 'meter'),
      );
      await expect
        .poll(
          async () => (await second.workspace.sessions.get(result.sessionId)).panes[0]!.messages[1],
        )
        .toMatchObject({ status: 'complete', content: text });
    } finally {
      await second.close();
    }
  });
});
