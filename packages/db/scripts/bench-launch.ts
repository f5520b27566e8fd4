/**
 * What writing one broadcast's launch costs (a new session with 4 panes and 8 messages, then a
 * follow-up on those panes), in wall time and this process's CPU, on SQLite and, when it is
 * reachable, PostgreSQL. Sequential, one launch per write: the group commit's best case is not
 * measured here, the price of one write is. `pnpm --filter @mlb/db bench:launch [--postgres=URL]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDb, type BroadcastLaunch, type Db } from '../src/index';
import { rawExec } from '../src/test-databases';

const RUNS = 300;
const WARM_UP = 50;
const PANES = [0, 1, 2, 3];

function launchesFor(sessionId: string, at: Date): [BroadcastLaunch, BroadcastLaunch] {
  const turn = (broadcastId: string, prompt: string) =>
    PANES.flatMap((p) => [
      {
        id: `${broadcastId}-u${p}`,
        paneId: `${sessionId}-p${p}`,
        broadcastId,
        role: 'user' as const,
        content: prompt,
        status: 'complete' as const,
        createdAt: at,
      },
      {
        id: `${broadcastId}-a${p}`,
        paneId: `${sessionId}-p${p}`,
        broadcastId,
        role: 'assistant' as const,
        content: '',
        status: 'streaming' as const,
        createdAt: at,
      },
    ]);
  const first = `${sessionId}-b1`;
  const second = `${sessionId}-b2`;
  return [
    {
      session: { id: sessionId, title: 'bench', isNew: true },
      panes: PANES.map((p) => ({
        id: `${sessionId}-p${p}`,
        sessionId,
        providerId: 'demo',
        modelId: `model-${p}`,
        kind: 'chat' as const,
        params: {},
        systemPrompt: null,
        position: p,
        createdAt: at,
      })),
      broadcast: { id: first, prompt: 'hello', kind: 'broadcast', createdAt: at },
      messages: turn(first, 'hello'),
    },
    {
      session: { id: sessionId, title: 'bench', isNew: false },
      panes: [],
      broadcast: { id: second, prompt: 'again', kind: 'broadcast', createdAt: at },
      messages: turn(second, 'again'),
    },
  ];
}

async function measure(db: Db, tag: string): Promise<{ wallMs: number; cpuMs: number }> {
  const at = new Date();
  const run = async (i: number, prefix: string) => {
    for (const launch of launchesFor(`${prefix}-${i}`, at)) await db.broadcasts.launch(launch);
  };
  for (let i = 0; i < WARM_UP; i++) await run(i, `${tag}-warm`);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) await run(i, tag);
  const used = process.cpuUsage(cpu);
  const launches = RUNS * 2;
  return {
    wallMs: (performance.now() - started) / launches,
    cpuMs: (used.user + used.system) / 1000 / launches,
  };
}

const postgres =
  process.argv.find((a) => a.startsWith('--postgres='))?.slice('--postgres='.length) ??
  'postgresql://postgres@127.0.0.1:5432/test';
const tag = `bench-launch-${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'bench-launch-'));
const targets = [
  { name: 'SQLite', url: `file:${join(dir, 'bench.db')}` },
  { name: 'PostgreSQL', url: `${postgres}${postgres.includes('?') ? '&' : '?'}schema=${tag}` },
];
console.log(`One launch written (${RUNS * 2} after ${WARM_UP * 2} to warm up), per launch:`);
try {
  for (const { name, url } of targets) {
    let db: Db;
    try {
      db = await createDb({ url });
    } catch (error) {
      console.log(`  ${name}: not measured (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    try {
      const { wallMs, cpuMs } = await measure(db, tag);
      console.log(`  ${name}: ${wallMs.toFixed(2)} ms wall, ${cpuMs.toFixed(2)} ms CPU`);
    } finally {
      await db.close();
      if (name === 'PostgreSQL') await rawExec(url, `DROP SCHEMA "${tag}" CASCADE`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
