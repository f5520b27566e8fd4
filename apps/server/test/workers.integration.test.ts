import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createClient } from '@mlb/client/node';
import { silentLogger } from '@mlb/logger';

import { startServer } from '../src/create-server';
import { loadEnv } from '../src/env';
import { DatabaseStartError } from '../src/open-database';
import { envFor, startUpstreams, tempDbUrl, type Upstreams } from './harness';
import { postgresSchema } from './postgres';
import { startServerProcess } from './server-process';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `it:${randomBytes(4).toString('hex')}:`;

let upstreams: Upstreams;
beforeAll(async () => {
  upstreams = await startUpstreams();
});
afterAll(async () => {
  await upstreams.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** `WORKERS=2` on a fresh PostgreSQL schema and this file's Redis prefix, both workers listening. */
async function startTwoWorkers(env: Record<string, string> = {}) {
  const schema = postgresSchema();
  const port = await freePort();
  const primary = await startServerProcess({
    PORT: String(port),
    WORKERS: '2',
    DATABASE_URL: schema.url(),
    REDIS_URL,
    REDIS_PREFIX: prefix,
    OLLAMA_BASE_URL: 'http://127.0.0.1:9',
    ...env,
  });
  try {
    await expect
      .poll(() => primary.logs.filter((l) => l.msg === 'broadcast workspace listening').length)
      .toBe(2);
  } catch (error) {
    await primary.kill('SIGTERM');
    await schema.drop();
    throw error;
  }
  return { schema, port, primary };
}

describe('WORKERS=2', () => {
  it(
    'starts two server processes that share one port and one event log',
    { timeout: 90_000 },
    async () => {
      const { schema, port, primary } = await startTwoWorkers({
        DEMO_TOKENS_PER_SECOND: '400',
        DEMO_FIRST_TOKEN_MS: '5',
      });
      try {
        // The port hands connections to the workers in turn: a few clients reach both.
        const clients = Array.from({ length: 6 }, () =>
          createClient({ url: `http://127.0.0.1:${port}/trpc` }),
        );
        const stats = await Promise.all(clients.map((c) => c.stats.get.query()));
        expect(new Set(stats.map((s) => s.instanceId)).size).toBe(2);
        expect(stats.every((s) => s.eventLogBackend === 'redis')).toBe(true);
        // Each connection goes to the worker with the fewest open ones: three and three.
        const first = stats[0]!.instanceId;
        expect(stats.filter((s) => s.instanceId === first)).toHaveLength(3);
        // A broadcast through one worker, followed through another.
        const [one, other] = [
          clients[0]!,
          clients.find((_, i) => stats[i]!.instanceId !== stats[0]!.instanceId)!,
        ];
        const result = await one.broadcast.create.mutate({
          prompt: 'two workers',
          models: [{ providerId: 'demo', modelId: 'demo-fast' }],
        });
        const final = await new Promise<string>((resolve, reject) => {
          const sub = other.sessions.events.subscribe(
            { sessionId: result.sessionId, lastEventId: result.lastEventId },
            {
              onData: ({ data }) => {
                if (data.type === 'final') {
                  sub.unsubscribe();
                  resolve(data.data.content);
                }
              },
              onError: reject,
            },
          );
        });
        expect(final).toContain('Simulated answer');
        await Promise.all(clients.map((c) => c.close()));
      } finally {
        await primary.kill('SIGTERM');
        await schema.drop();
      }
    },
  );

  it(
    'hands new connections to the worker whose connections closed (not in turn)',
    { timeout: 90_000 },
    async () => {
      const { schema, port, primary } = await startTwoWorkers();
      const connect = async () => {
        const client = createClient({ url: `http://127.0.0.1:${port}/trpc` });
        return { client, instance: (await client.stats.get.query()).instanceId };
      };
      try {
        const six = [];
        for (let i = 0; i < 6; i += 1) six.push(await connect());
        const [a] = [...new Set(six.map((c) => c.instance))];
        // Worker A's three close: the next two connections both go to A, which then has none.
        await Promise.all(six.filter((c) => c.instance === a).map((c) => c.client.close()));
        await new Promise((resolve) => setTimeout(resolve, 500)); // its "closed" messages arrive
        const next = [await connect(), await connect()];
        expect(next.map((c) => c.instance)).toEqual([a, a]);
        await Promise.all(
          [...six, ...next]
            .filter((c) => c.instance !== a || next.includes(c))
            .map((c) => c.client.close()),
        );
      } finally {
        await primary.kill('SIGTERM');
        await schema.drop();
      }
    },
  );
});

describe('SQLite and several processes', () => {
  it('refuses a second server on the same SQLite file, saying why and what to use instead', async () => {
    const db = tempDbUrl();
    const first = await startServer(loadEnv(envFor(upstreams, db.url)), silentLogger);
    try {
      const error = await startServer(loadEnv(envFor(upstreams, db.url)), silentLogger).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseStartError);
      expect((error as Error).message).toMatch(
        /Another server process \(pid \d+ on .+\) is using this SQLite database .*SQLite is safe for one server process only.*PostgreSQL.*REDIS_URL/,
      );
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
    } finally {
      await first.close();
    }
    // Once the first has stopped, the file is free again.
    const again = await startServer(loadEnv(envFor(upstreams, db.url)), silentLogger);
    await again.close();
    db.cleanup();
  });
});
