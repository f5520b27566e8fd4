import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient, type BroadcastClient } from '@mlb/client/node';
import type { FakeUpstream } from '@mlb/test-support';
import { newSession, productRun } from './product-run';
import type { ServerProcess } from './server-process';
import { fmt, table } from './stats';

const PANES = 4;
const TOKENS_PER_ANSWER = 150;
const TOKEN_INTERVAL_MS = 20; // 50 tokens/s per stream
const LAG_BUDGET_MS = 50;

interface LevelFigures {
  sessions: number;
  streams: number;
  seconds: number;
  eventsPerSecond: number;
  tokensPerSecond: number;
  shortAnswers: number;
  wrongAnswers: number;
  duplicateEvents: number;
  serverLoopLagP99Ms: number;
  serverCpuPercent: number;
  serverRssMb: number;
  memoryPerStreamKb: number;
  dbWritesPerAnswer: number;
  clientLoopLagP99Ms: number;
}

/** 3 + 4. K sessions × 4 panes streaming at 50 tokens/s each, at growing K. */
export async function measureLoad({ fake, server, model, levels }: { fake: FakeUpstream; server: ServerProcess; model: string; levels: number[] }) {
  const words = Array.from({ length: TOKENS_PER_ANSWER }, (_, i) => `w${i}`);
  const text = words.join(' ') + ' ';
  fake.setDefaultScenario({ text, chunkSize: Math.ceil(text.length / TOKENS_PER_ANSWER), tokenDelayMs: TOKEN_INTERVAL_MS, firstTokenDelayMs: 50 });
  const monitor = createClient({ url: `${server.url}/trpc` });
  const figures: LevelFigures[] = [];
  try {
    for (const sessions of levels) figures.push(await runLevel(sessions, { server, monitor, model, text }));
  } finally {
    await monitor.close();
  }
  const held = figures.filter((f) => f.serverLoopLagP99Ms < LAG_BUDGET_MS && f.shortAnswers + f.wrongAnswers + f.duplicateEvents === 0).at(-1);
  console.log(`\n3/4. Load: sessions × ${PANES} panes, ${TOKENS_PER_ANSWER} tokens per answer at ${1000 / TOKEN_INTERVAL_MS} tokens/s; each session its own WebSocket client; server in its own process\n`);
  console.log(
    table(
      ['load', 'streams', 'events/s', 'tokens/s', 'short/wrong/dup', 'server lag p99 ms', 'server cpu %', 'server RSS MB', 'KB/stream', 'db writes/answer', 'client lag p99 ms', 'seconds'],
      figures.map((f) => [
        `${f.sessions}×${PANES}`,
        f.streams,
        fmt(f.eventsPerSecond, 0),
        fmt(f.tokensPerSecond, 0),
        `${f.shortAnswers}/${f.wrongAnswers}/${f.duplicateEvents}`,
        fmt(f.serverLoopLagP99Ms),
        fmt(f.serverCpuPercent, 0),
        fmt(f.serverRssMb, 0),
        fmt(f.memoryPerStreamKb, 0),
        fmt(f.dbWritesPerAnswer, 1),
        fmt(f.clientLoopLagP99Ms),
        fmt(f.seconds, 1),
      ]),
    ),
  );
  console.log(
    held
      ? `\nLargest level held with server event-loop lag p99 under ${LAG_BUDGET_MS} ms and every answer exact: ${held.sessions}×${PANES} (${held.streams} streams, ${fmt(held.tokensPerSecond, 0)} tokens/s).`
      : `\nNo level kept the server's event-loop lag p99 under ${LAG_BUDGET_MS} ms.`,
  );
  return { levels: figures, largestHeld: held?.streams ?? 0 };
}

async function runLevel(sessions: number, { server, monitor, model, text }: { server: ServerProcess; monitor: BroadcastClient; model: string; text: string }): Promise<LevelFigures> {
  const clients = Array.from({ length: sessions }, () => createClient({ url: `${server.url}/trpc` }));
  try {
    const ids = await Promise.all(clients.map((c) => newSession(c)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await monitor.stats.get.query();
    const cpuBefore = await server.cpuSeconds();
    const clientLag = monitorEventLoopDelay({ resolution: 10 });
    clientLag.enable();
    const lagSamples: number[] = [];
    let peakRss = before.memory.rssBytes;
    const sampler = setInterval(() => {
      void monitor.stats.get.query().then((s) => {
        lagSamples.push(s.eventLoopLagMs.p99);
        peakRss = Math.max(peakRss, s.memory.rssBytes);
      });
    }, 1000);
    const started = performance.now();
    const models = Array.from({ length: PANES }, () => ({ providerId: 'litellm', modelId: model }));
    const outcomes = await Promise.all(clients.map((c, i) => productRun(c, ids[i]!, `load ${i}`, models)));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    clientLag.disable();
    const after = await monitor.stats.get.query();
    const cpuAfter = await server.cpuSeconds();
    const answers = outcomes.flatMap((o) => o.texts);
    const streams = sessions * PANES;
    const tokens = answers.reduce((n, t) => n + t.split(' ').length - 1, 0);
    return {
      sessions,
      streams,
      seconds,
      eventsPerSecond: outcomes.reduce((n, o) => n + o.events, 0) / seconds,
      tokensPerSecond: tokens / seconds,
      shortAnswers: answers.filter((t) => t.length < text.length).length + (streams - answers.length),
      wrongAnswers: answers.filter((t) => t !== text).length,
      duplicateEvents: outcomes.reduce((n, o) => n + o.duplicates, 0),
      serverLoopLagP99Ms: Math.max(after.eventLoopLagMs.p99, ...lagSamples),
      serverCpuPercent: ((cpuAfter - cpuBefore) / seconds) * 100,
      serverRssMb: peakRss / 1e6,
      memoryPerStreamKb: Math.max(0, peakRss - before.memory.rssBytes) / streams / 1000,
      dbWritesPerAnswer: (after.databaseWrites - before.databaseWrites) / Math.max(1, after.answersFinished - before.answersFinished),
      clientLoopLagP99Ms: clientLag.percentile(99) / 1e6,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}
