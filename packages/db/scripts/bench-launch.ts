/**
 * What writing one broadcast's launch costs (a new session with 4 panes and 8 messages, then a
 * follow-up on those panes), in wall time and this process's CPU, on SQLite and, when it is
 * reachable, PostgreSQL. Sequential, one launch per write: the group commit's best case is not
 * measured here, the price of one write is. Then the answers' ends: each session's 8 answers end
 * together (one group commit, as when a broadcast's panes finish at once), per answer.
 * `pnpm --filter @mlb/db bench:launch [--postgres=URL]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDb, type BroadcastLaunch, type Db, type FinishedAnswer } from '../src/index';
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

const end = (i: number): FinishedAnswer => ({
  content: `answer ${i} `.repeat(200),
  status: 'complete',
  endReason: 'done',
  finishReason: 'stop',
  error: null,
  metrics: {
    providerId: 'demo',
    modelId: 'model',
    inputTokens: 12,
    outputTokens: 400,
    cachedTokens: 0,
    cost: 0.0004,
    ttftMs: 210,
    latencyMs: 8000,
    tokensPerSecond: 50,
    retries: 0,
    estimated: false,
  },
});

interface Cost {
  wallMs: number;
  cpuMs: number;
}

async function measure(db: Db, tag: string): Promise<{ launch: Cost; end: Cost }> {
  const at = new Date();
  const run = async (i: number, prefix: string) => {
    for (const launch of launchesFor(`${prefix}-${i}`, at)) await db.broadcasts.launch(launch);
  };
  const answers = (i: number, prefix: string) =>
    launchesFor(`${prefix}-${i}`, at).flatMap((l) =>
      l.messages.filter((m) => m.role === 'assistant').map((m) => m.id),
    );
  const finish = (i: number, prefix: string) =>
    Promise.all(answers(i, prefix).map((id, k) => db.messages.finish(id, end(k))));
  const timed = async (work: (i: number) => Promise<unknown>, count: number): Promise<Cost> => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < RUNS; i++) await work(i);
    const used = process.cpuUsage(cpu);
    return {
      wallMs: (performance.now() - started) / count,
      cpuMs: (used.user + used.system) / 1000 / count,
    };
  };
  for (let i = 0; i < WARM_UP; i++) await run(i, `${tag}-warm`);
  const launch = await timed((i) => run(i, tag), RUNS * 2);
  for (let i = 0; i < WARM_UP; i++) await finish(i, `${tag}-warm`);
  const ended = await timed((i) => finish(i, tag), RUNS * PANES.length * 2);
  return { launch, end: ended };
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
console.log(
  `One launch written (${RUNS * 2} after ${WARM_UP * 2} to warm up), per launch; then their answers' ends, ${PANES.length * 2} at a time, per answer:`,
);
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
      const { launch, end: ended } = await measure(db, tag);
      const show = (c: Cost) => `${c.wallMs.toFixed(2)} ms wall, ${c.cpuMs.toFixed(2)} ms CPU`;
      console.log(`  ${name}: launch ${show(launch)}; end ${show(ended)}`);
    } finally {
      await db.close();
      if (name === 'PostgreSQL') await rawExec(url, `DROP SCHEMA "${tag}" CASCADE`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
