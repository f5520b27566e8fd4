import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '@mlb/logger';

import { startServer } from '../src/create-server';
import { loadEnv } from '../src/env';
import { DatabaseStartError } from '../src/open-database';
import { envFor, startUpstreams, type Upstreams } from './harness';
import { POSTGRES, postgresSchema } from './postgres';
import { startTcpRelay, type TcpRelay } from './tcp-relay';

let upstreams: Upstreams;
let relay: TcpRelay;
let schema: ReturnType<typeof postgresSchema>;

beforeAll(async () => {
  upstreams = await startUpstreams();
  relay = await startTcpRelay(POSTGRES);
  schema = postgresSchema();
});

afterAll(async () => {
  await relay.close();
  await upstreams.close();
  await schema.drop();
});

/** The schema's URL through the relay, with a password that must never be shown. */
const urlWithPassword = () => {
  const url = new URL(schema.url(relay.port));
  url.password = 's3cret-pw';
  return url.toString();
};

describe('starting while the database does not answer', () => {
  it('waits for it, then gives up with a message that names DATABASE_URL without its password', async () => {
    await relay.cut();
    const started = Date.now();
    const error = await startServer(
      loadEnv(envFor(upstreams, urlWithPassword(), { DATABASE_WAIT_MS: '1500' })),
      silentLogger,
    ).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(error).toBeInstanceOf(DatabaseStartError);
    const message = (error as Error).message;
    expect(message).toContain('(DATABASE_URL) did not answer for 2 s');
    expect(message).toContain(':***@127.0.0.1');
    expect(message).not.toContain('s3cret-pw');
    expect(message).toMatch(/Check that the database server is running and reachable/);
  });

  it('starts once the database comes back within the wait', async () => {
    await relay.cut();
    setTimeout(() => void relay.restore(), 1200);
    // Trust auth ignores the password: the server opens the schema once the relay is back.
    const server = await startServer(
      loadEnv(envFor(upstreams, urlWithPassword(), { DATABASE_WAIT_MS: '15000' })),
      silentLogger,
    );
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
