import { monitorEventLoopDelay } from 'node:perf_hooks';

import { createClient, type BroadcastClient } from '@mlb/client/node';
import type { FakeUpstream } from '@mlb/test-support';

import { openSession } from './product-run';
import type { ServerProcess } from './server-process';
import { fmt, table } from './stats';

const PANES = 4;
const TOKENS_PER_ANSWER = 400;
const TOKEN_INTERVAL_MS = 20; // 50 tokens/s per stream: 8 s per answer
const LAG_BUDGET_MS = 50;
/** Sessions start their broadcasts spread evenly over this window, as users arrive, not in one instant. */
const START_SPREAD_MS = 1000;

interface LevelFigures {
  sessions: number;
  streams: number;
  seconds: number;
  eventsPerSecond: number;
  tokensPerSecond: number;
  shortAnswers: number;
  wrongAnswers: number;
  duplicateEvents: number;
  /** The worse of two windows: while broadcasts start, and then while everything streams. */
  serverLoopLagP99Ms: number;
  startLoopLagP99Ms: number;
  streamingLoopLagP99Ms: number;
  serverLoopLagMaxMs: number;
  serverCpuPercent: number;
  serverRssMb: number;
  memoryPerStreamKb: number;
  dbWritesPerAnswer: number;
  clientLoopLagP99Ms: number;
}

/** 3 + 4. K sessions × 4 panes streaming at 50 tokens/s each, at growing K. */
export async function measureLoad({
  fake,
  server,
  model,
  levels,
}: {
  fake: FakeUpstream;
  server: ServerProcess;
  model: string;
  levels: number[];
}) {
  const words = Array.from({ length: TOKENS_PER_ANSWER }, (_, i) => `w${i}`);
  const text = words.join(' ') + ' ';
  fake.setDefaultScenario({
    text,
    chunkSize: Math.ceil(text.length / TOKENS_PER_ANSWER),
    tokenDelayMs: TOKEN_INTERVAL_MS,
    firstTokenDelayMs: 50,
  });
  const monitor = createClient({ url: `${server.url}/trpc` });
  const figures: LevelFigures[] = [];
  try {
    for (const sessions of levels)
      figures.push(await runLevel(sessions, { server, monitor, model, text }));
  } finally {
    await monitor.close();
  }
  const held = figures
    .filter(
      (f) =>
        f.serverLoopLagP99Ms < LAG_BUDGET_MS &&
        f.shortAnswers + f.wrongAnswers + f.duplicateEvents === 0,
    )
    .at(-1);
  console.log(
    `\n3/4. Load: sessions × ${PANES} panes, ${TOKENS_PER_ANSWER} tokens per answer at ${1000 / TOKEN_INTERVAL_MS} tokens/s, broadcasts started over ${START_SPREAD_MS / 1000} s; ` +
      `each session its own WebSocket client; server in its own process. Lag: server event-loop delay p99 (10 ms sampling) over the level, while starting, while streaming; and its max.\n`,
  );
  console.log(
    table(
      [
        'load',
        'streams',
        'events/s',
        'tokens/s',
        'short/wrong/dup',
        'lag p99 ms',
        'starting',
        'streaming',
        'lag max ms',
        'server cpu %',
        'server RSS MB',
        'KB/stream',
        'db writes/answer',
        'client lag p99 ms',
        'seconds',
      ],
      figures.map((f) => [
        `${f.sessions}×${PANES}`,
        f.streams,
        fmt(f.eventsPerSecond, 0),
        fmt(f.tokensPerSecond, 0),
        `${f.shortAnswers}/${f.wrongAnswers}/${f.duplicateEvents}`,
        fmt(f.serverLoopLagP99Ms),
        fmt(f.startLoopLagP99Ms),
        fmt(f.streamingLoopLagP99Ms),
        fmt(f.serverLoopLagMaxMs),
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

async function runLevel(
  sessions: number,
  {
    server,
    monitor,
    model,
    text,
  }: { server: ServerProcess; monitor: BroadcastClient; model: string; text: string },
): Promise<LevelFigures> {
  const clients = Array.from({ length: sessions }, () =>
    createClient({ url: `${server.url}/trpc` }),
  );
  try {
    const feeds = await Promise.all(clients.map((c) => openSession(c)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await monitor.stats.get.query();
    const clientLag = monitorEventLoopDelay({ resolution: 10 });
    clientLag.enable();
    let peakRss = before.memory.rssBytes;
    const sampler = setInterval(() => {
      void monitor.stats.get.query().then((s) => (peakRss = Math.max(peakRss, s.memory.rssBytes)));
    }, 1000);
    const models = Array.from({ length: PANES }, () => ({ providerId: 'litellm', modelId: model }));
    const atStart = await server.scrape();
    const started = performance.now();
    const outcomes = Promise.all(
      feeds.map(async (feed, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * START_SPREAD_MS) / sessions));
        return feed.broadcast(`load ${i}`, models);
      }),
    );
    // The start window: every broadcast launched and its first tokens under way.
    await new Promise((resolve) => setTimeout(resolve, START_SPREAD_MS + 500));
    const afterStart = await server.scrape();
    const results = await outcomes;
    const atEnd = await server.scrape();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    clientLag.disable();
    for (const feed of feeds) feed.close();
    const after = await monitor.stats.get.query();
    const answers = results.flatMap((o) => o.texts);
    const streams = sessions * PANES;
    const tokens = answers.reduce((n, t) => n + t.split(' ').length - 1, 0);
    return {
      sessions,
      streams,
      seconds,
      eventsPerSecond: results.reduce((n, o) => n + o.events, 0) / seconds,
      tokensPerSecond: tokens / seconds,
      shortAnswers:
        answers.filter((t) => t.length < text.length).length + (streams - answers.length),
      wrongAnswers: answers.filter((t) => t !== text).length,
      duplicateEvents: results.reduce((n, o) => n + o.duplicates, 0),
      serverLoopLagP99Ms: Math.max(afterStart.loopLagP99Ms, atEnd.loopLagP99Ms),
      startLoopLagP99Ms: afterStart.loopLagP99Ms,
      streamingLoopLagP99Ms: atEnd.loopLagP99Ms,
      serverLoopLagMaxMs: Math.max(afterStart.loopLagMaxMs, atEnd.loopLagMaxMs),
      serverCpuPercent: ((atEnd.cpuSeconds - atStart.cpuSeconds) / seconds) * 100,
      serverRssMb: peakRss / 1e6,
      memoryPerStreamKb: Math.max(0, peakRss - before.memory.rssBytes) / streams / 1000,
      dbWritesPerAnswer:
        (after.databaseWrites - before.databaseWrites) /
        Math.max(1, after.answersFinished - before.answersFinished),
      clientLoopLagP99Ms: clientLag.percentile(99) / 1e6,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}
