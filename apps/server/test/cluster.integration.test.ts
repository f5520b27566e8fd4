import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collectEvents, startUpstreams, textOf, type Received, type Upstreams } from './harness';
import { postgresSchema } from './postgres';
import { startServerProcess, type ServerProcess } from './server-process';

// Several real server processes on one PostgreSQL schema and one Redis, as a scale-out install
// runs them behind a load balancer: a client may reach any of them at any time.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `it:${randomBytes(4).toString('hex')}:`;
const MODEL = { providerId: 'groq', modelId: 'llama-3.1-8b-instant' };
/** 120 chunks 25 ms apart: about 3 s of streaming, long enough to act in the middle. */
const TEXT = Array.from({ length: 120 }, (_, i) => `w${i} `).join('');

let upstreams: Upstreams;
let schema: ReturnType<typeof postgresSchema>;
const running: ServerProcess[] = [];

const env = () => ({
  DATABASE_URL: schema.url(),
  REDIS_URL,
  REDIS_PREFIX: prefix,
  GROQ_BASE_URL: upstreams.groq.baseUrl,
  GROQ_API_KEY: 'gsk-key',
  OLLAMA_BASE_URL: 'http://127.0.0.1:9',
  DEMO_PROVIDER: 'false',
  PERSIST_INTERVAL_MS: '100',
  STREAM_MAX_RETRIES: '0',
});
async function instance(): Promise<ServerProcess> {
  const server = await startServerProcess(env());
  running.push(server);
  return server;
}

beforeAll(async () => {
  upstreams = await startUpstreams();
  schema = postgresSchema();
  upstreams.groq.setScenario(MODEL.modelId, { text: TEXT, chunkSize: 4, tokenDelayMs: 25 });
});

afterAll(async () => {
  await Promise.all(running.map((s) => s.kill().catch(() => undefined)));
  await upstreams.close();
  await schema.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const tokens = (events: Received[]) => events.filter((e) => e.event.type === 'token').length;
const ended = (events: Received[]) => events.some((e) => e.event.type === 'meter');

describe('two instances behind one address', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    [a, b] = await Promise.all([instance(), instance()]);
  });

  it('streams a broadcast started on A exactly to a client of B that subscribes with its lastEventId', async () => {
    const result = await a.client.broadcast.create.mutate({ prompt: 'across', models: [MODEL] });
    const events = await collectEvents(
      b.client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      ended,
      20_000,
    );
    const messageId = result.panes[0]!.messageId;
    expect(textOf(events, messageId)).toBe(TEXT);
    expect(events[0]!.event).toMatchObject({ type: 'status', data: { state: 'queued' } });
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stats = await b.client.stats.get.query();
    expect(stats.eventLogBackend).toBe('redis');
  });

  it('a client following on A switches to B with its last id and rebuilds the exact text', async () => {
    const result = await a.client.broadcast.create.mutate({ prompt: 'switch', models: [MODEL] });
    const first = await collectEvents(
      a.client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      (ev) => tokens(ev) >= 20,
      20_000,
    );
    const rest = await collectEvents(
      b.client,
      { sessionId: result.sessionId, lastEventId: first.at(-1)!.id },
      ended,
      20_000,
    );
    const both = [...first, ...rest];
    expect(textOf(both, result.panes[0]!.messageId)).toBe(TEXT);
    expect(new Set(both.map((e) => e.id)).size).toBe(both.length);
  });

  it('stops a run on A through B, and says it took effect', async () => {
    const result = await a.client.broadcast.create.mutate({ prompt: 'stop me', models: [MODEL] });
    const paneId = result.panes[0]!.paneId;
    let asked = false;
    let stopped: { stopped: boolean } | null = null;
    const events = await collectEvents(
      b.client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      (ev, recheck) => {
        if (!asked && tokens(ev) >= 5) {
          asked = true;
          // Done when the answer has ended and the stop's own reply is in (either may come first).
          void b.client.panes.stop.mutate({ paneId }).then((r) => {
            stopped = r;
            recheck();
          });
        }
        return ended(ev) && stopped !== null;
      },
      20_000,
    );
    expect(stopped).toEqual({ stopped: true });
    const final = events.find((e) => e.event.type === 'final')!.event;
    expect(final.type === 'final' && final.data.reason).toBe('stopped');
    const text = textOf(events, result.panes[0]!.messageId);
    expect(text.length).toBeLessThan(TEXT.length);
    const saved = await b.client.sessions.get.query({ sessionId: result.sessionId });
    expect(saved.panes[0]!.messages[1]).toMatchObject({ status: 'stopped', content: text });
  });

  it('a third instance starting mid-stream leaves the running answers alone', async () => {
    // Long enough to outlast a third process's start on a busy machine (~20 s of streaming).
    const long = Array.from({ length: 400 }, (_, i) => `w${i} `).join('');
    upstreams.groq.setScenario(MODEL.modelId, { text: long, chunkSize: 4, tokenDelayMs: 40 });
    try {
      const result = await a.client.broadcast.create.mutate({
        prompt: 'keep going',
        models: [MODEL],
      });
      await collectEvents(
        a.client,
        { sessionId: result.sessionId, lastEventId: result.lastEventId },
        (ev) => tokens(ev) >= 10,
        20_000,
      );
      const c = await instance();
      const seen = await c.client.sessions.get.query({ sessionId: result.sessionId });
      expect(seen.panes[0]!.messages[1]!.status).toBe('streaming');
      const events = await collectEvents(
        c.client,
        { sessionId: result.sessionId, lastEventId: result.lastEventId },
        ended,
        60_000,
      );
      expect(textOf(events, result.panes[0]!.messageId)).toBe(long);
      const done = await c.client.sessions.get.query({ sessionId: result.sessionId });
      expect(done.panes[0]!.messages[1]).toMatchObject({ status: 'complete', content: long });
      await c.kill();
      running.splice(running.indexOf(c), 1);
    } finally {
      upstreams.groq.setScenario(MODEL.modelId, { text: TEXT, chunkSize: 4, tokenDelayMs: 25 });
    }
  }, 90_000);

  it('when A is killed mid-stream, B’s clients see the answer end as interrupted within 30 s, its saved text a prefix of what streamed', async () => {
    const result = await a.client.broadcast.create.mutate({ prompt: 'die', models: [MODEL] });
    const messageId = result.panes[0]!.messageId;
    let killedAt = 0;
    const events = await collectEvents(
      b.client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      (ev) => {
        if (killedAt === 0 && tokens(ev) >= 20) {
          killedAt = Date.now();
          void a.kill('SIGKILL');
        }
        return ev.some((e) => e.event.type === 'status' && e.event.data.state === 'interrupted');
      },
      40_000,
    );
    running.splice(running.indexOf(a), 1);
    const interruptedAt = Date.now();
    expect(interruptedAt - killedAt).toBeLessThan(30_000);
    const streamed = events
      .map((e) => (e.event.type === 'token' ? e.event.data.token : ''))
      .join('');
    const saved = await b.client.sessions.get.query({ sessionId: result.sessionId });
    const answer = saved.panes[0]!.messages[1]!;
    expect(answer.status).toBe('interrupted');
    expect(answer.content.length).toBeGreaterThan(0);
    expect(streamed.startsWith(answer.content) || answer.content.startsWith(streamed)).toBe(true);
    expect(TEXT.startsWith(answer.content)).toBe(true);
    const final = events.find((e) => e.event.type === 'final' && e.event.messageId === messageId);
    expect(final?.event.type === 'final' && final.event.data.reason).toBe('interrupted');
  });

  it('after every instance restarts, old ids resume from Redis', async () => {
    const result = await b.client.broadcast.create.mutate({ prompt: 'remember', models: [MODEL] });
    await collectEvents(
      b.client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      ended,
      20_000,
    );
    await Promise.all(running.splice(0).map((s) => s.kill()));
    const fresh = await instance();
    const events = await collectEvents(
      fresh.client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      ended,
      20_000,
    );
    expect(events[0]!.event).toMatchObject({ type: 'status', data: { state: 'queued' } });
    expect(textOf(events, result.panes[0]!.messageId)).toBe(TEXT);
  });
});
