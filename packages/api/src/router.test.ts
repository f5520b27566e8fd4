import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDb, type Db } from '@mlb/db';
import { createWorkspace, type Workspace } from '@mlb/domain';
import { silentLogger } from '@mlb/logger';
import { createProviderRegistry, parseProvidersEnv } from '@mlb/providers';

import { appRouter } from './root';
import { createCallerFactory } from './trpc';

let dir: string;
let db: Db;
let workspace: Workspace;
const runtime = () => ({
  activeConnections: 3,
  memory: { rssBytes: 1, heapUsedBytes: 1 },
  eventLoopLagMs: { p50: 1, p99: 2 },
});
const caller = () => createCallerFactory(appRouter)({ workspace, runtime, requestId: 'test' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadcast-api-'));
  db = await createDb({ url: `file:${join(dir, 'api.db')}` });
  const registry = createProviderRegistry(
    parseProvidersEnv({
      DEMO_TOKENS_PER_SECOND: '2000',
      DEMO_FIRST_TOKEN_MS: '0',
      OLLAMA_BASE_URL: 'http://127.0.0.1:9',
    }),
  );
  workspace = createWorkspace({ db, registry, logger: silentLogger, version: 'test' });
});

afterAll(async () => {
  await workspace.shutdown();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('appRouter called directly', () => {
  it('broadcasts to the demo provider and returns the persisted session', async () => {
    const api = caller();
    const result = await api.broadcast.create({
      prompt: 'Router test',
      models: [{ providerId: 'demo', modelId: 'demo-fast' }],
    });
    await expect
      .poll(async () => (await api.sessions.get({ sessionId: result.sessionId })).panes[0]!.state, {
        timeout: 10_000,
      })
      .toBe('complete');
    const session = await api.sessions.get({ sessionId: result.sessionId });
    expect(session.title).toBe('Router test');
    expect(session.panes[0]!.messages[1]!.content).toContain('Simulated answer');
  });

  it('turns domain refusals into typed errors with the right code', async () => {
    const api = caller();
    await expect(api.sessions.get({ sessionId: 'missing' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const error = await api.broadcast
      .create({ prompt: 'x', models: [{ providerId: 'groq', modelId: 'm' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Groq is not configured.',
    });
  });

  it('validates input with zod before any work', async () => {
    await expect(caller().sessions.rename({ sessionId: 'x', title: '   ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('reports the workspace figures together with the process figures the server measures', async () => {
    const stats = await caller().stats.get();
    expect(stats).toMatchObject({ activeConnections: 3, eventLoopLagMs: { p99: 2 } });
    expect(stats.sessions).toBeGreaterThanOrEqual(1);
    expect(stats.databaseWrites).toBeGreaterThanOrEqual(2);
  });

  it('reports health with every provider', async () => {
    const report = await caller().health();
    expect(report.database).toBe('ok');
    expect(report.providers.map((p) => p.id)).toEqual(
      expect.arrayContaining(['demo', 'litellm', 'google', 'groq']),
    );
  });
});
