import { monitorEventLoopDelay } from 'node:perf_hooks';

import type { Upstream } from './fake-process';
import {
  costRatio,
  failedLevel,
  levelFigures,
  type LevelFigures,
  type SessionRun,
} from './level-figures';
import type { LoadSession, LoadTarget } from './load-targets';
import { loadAnswer, tokensIn } from './load-text';
import { sumReadings, windowBetween } from './process-readings';
import { fmt, table } from './stats';

export const PANES = 4;
export const TOKENS_PER_ANSWER = 400;
const TOKEN_INTERVAL_MS = 20; // 50 tokens/s per stream: 8 s per answer
export const LAG_BUDGET_MS = 50;
/** A level streamed at pace when its median stream ran at ≥ 80 % of the fake's 50 tokens/s. */
const MIN_STREAM_RATE = 0.8 * (1000 / TOKEN_INTERVAL_MS);
/** Sessions start their broadcasts spread evenly over this window, as users arrive, not in one instant. */
const START_SPREAD_MS = 1000;
/**
 * Opened sessions rest this long before the clock starts: longer than the product's 1 s batch of
 * partial saves, so the seed answers' writes are done and the level starts from a steady state.
 */
export const SETTLE_MS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * K sessions × 4 panes streaming 400 tokens at 50 tokens/s each, at every level, on every target
 * in turn (level by level, so the targets meet the same machine).
 */
export async function measureLoad({
  fake,
  targets,
  levels,
}: {
  fake: Upstream;
  targets: LoadTarget[];
  levels: number[];
}): Promise<LevelFigures[]> {
  await warmUp(fake, targets);
  const answer = loadAnswer(TOKENS_PER_ANSWER);
  await fake.setDefaultScenario({
    text: answer.text,
    chunkSize: answer.chunkSize,
    tokenDelayMs: TOKEN_INTERVAL_MS,
    firstTokenDelayMs: 50,
  });
  const figures: LevelFigures[] = [];
  for (const sessions of levels)
    for (const target of targets) {
      const f = await runLevel(fake, target, sessions, answer.text).catch((error: unknown) =>
        failedLevel(target.name, sessions, PANES, String(error)),
      );
      figures.push(f);
      console.log(
        `  ${target.name} ${sessions}×${PANES}: ${fmt(f.cpuMicrosPerToken)} µs/token, lag p99 ${fmt(f.loopLagP99Ms)} ms, ${f.held ? 'held' : 'not held'} (${fmt(f.seconds, 1)} s)`,
      );
    }
  return figures;
}

/**
 * A short unmeasured level on every target first, so neither pays its JIT warm-up and first
 * allocations inside the first measured level (the product may also be warm from other parts).
 */
async function warmUp(fake: Upstream, targets: LoadTarget[]): Promise<void> {
  const answer = loadAnswer(100);
  await fake.setDefaultScenario({
    text: answer.text,
    chunkSize: answer.chunkSize,
    tokenDelayMs: 5,
  });
  for (const target of targets) {
    const f = await runLevel(fake, target, 10, answer.text);
    if (f.shortAnswers + f.wrongAnswers + f.duplicateEvents > 0)
      throw new Error(`${target.name} failed its warm-up: ${f.failures[0] ?? 'answers not exact'}`);
  }
}

async function runLevel(
  fake: Upstream,
  target: LoadTarget,
  sessions: number,
  text: string,
): Promise<LevelFigures> {
  const opened = await Promise.allSettled(
    Array.from({ length: sessions }, () => target.openSession()),
  );
  const feeds = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  try {
    const refused = opened.find((o) => o.status === 'rejected');
    if (refused) throw new Error(`a session could not open: ${String(refused.reason)}`);
    await sleep(SETTLE_MS);
    const clientLag = monitorEventLoopDelay({ resolution: 10 });
    const [atStart, fakeAtStart] = await Promise.all([target.scrape(), fake.readStats()]);
    clientLag.enable();
    const started = performance.now();
    const outcomes = Promise.allSettled(
      feeds.map(async (feed: LoadSession, i): Promise<SessionRun> => {
        await sleep((i * START_SPREAD_MS) / sessions);
        return feed.broadcast(`load ${i}`, PANES);
      }),
    );
    // The start window: every broadcast launched and its first tokens under way.
    await sleep(START_SPREAD_MS + 500);
    const [afterStart, fakeAfterStart] = await Promise.all([target.scrape(), fake.readStats()]);
    const results = await outcomes;
    const [atEnd, fakeAtEnd] = await Promise.all([target.scrape(), fake.readStats()]);
    const seconds = (performance.now() - started) / 1000;
    clientLag.disable();
    return levelFigures(
      {
        target: target.name,
        sessions,
        panes: PANES,
        expectedText: text,
        seconds,
        runs: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
        failures: results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : [])),
        rssBeforeBytes: sumReadings(atStart, (r) => r.rssBytes),
        startWindow: windowBetween(atStart, afterStart),
        streamingWindow: windowBetween(afterStart, atEnd),
        clientLoopLagP99Ms: clientLag.percentile(99) / 1e6,
        fakeLoopLagP99Ms: Math.max(fakeAfterStart.loopLagP99Ms, fakeAtEnd.loopLagP99Ms),
        fakeCpuPercent: ((fakeAtEnd.cpuSeconds - fakeAtStart.cpuSeconds) / seconds) * 100,
      },
      tokensIn,
      { lagBudgetMs: LAG_BUDGET_MS, minStreamRate: MIN_STREAM_RATE },
    );
  } finally {
    await Promise.all(feeds.map((f) => f.close()));
    // Let closed sockets and their garbage settle before the next level.
    await sleep(1000);
  }
}

/** The largest level a target held (lag p99 under budget, every answer exact, at pace), in streams. */
export function largestHeld(figures: LevelFigures[], target: string): number {
  return Math.max(0, ...figures.filter((f) => f.target === target && f.held).map((f) => f.streams));
}

/** Product rows name the relay row of the same level for the ×floor column. */
export function printLoad(title: string, figures: LevelFigures[]): void {
  console.log(`\n${title}\n`);
  const relayAt = new Map(figures.filter((f) => f.target === 'relay').map((f) => [f.sessions, f]));
  console.log(
    table(
      [
        'load',
        'target',
        'streams',
        'tokens/s',
        'tok/s/stream',
        'events/s',
        'cpu %',
        'µs/token',
        'µs/event',
        '× relay',
        'lag p99 start',
        'streaming',
        'lag max',
        'short/wrong/dup',
        'RSS MB',
        'db w/answer',
        'create p50/p99 ms',
        'load gen lag p99 client/fake',
        'fake cpu %',
        's',
      ],
      figures.map((f) => {
        const relay = relayAt.get(f.sessions);
        return [
          `${f.sessions}×${PANES}`,
          f.target,
          f.streams,
          fmt(f.tokensPerSecond, 0),
          fmt(f.streamRateP50),
          fmt(f.eventsPerSecond, 0),
          fmt(f.cpuPercent, 0),
          fmt(f.cpuMicrosPerToken),
          fmt(f.cpuMicrosPerEvent),
          relay && f.target !== 'relay' ? fmt(costRatio(f, relay), 2) : '',
          fmt(f.startLoopLagP99Ms),
          fmt(f.streamingLoopLagP99Ms),
          fmt(f.loopLagMaxMs),
          `${f.shortAnswers}/${f.wrongAnswers}/${f.duplicateEvents}`,
          fmt(f.rssMb, 0),
          f.databaseWritesPerAnswer === null ? '' : fmt(f.databaseWritesPerAnswer, 1),
          f.createP50Ms === null ? '' : `${fmt(f.createP50Ms, 0)}/${fmt(f.createP99Ms ?? NaN, 0)}`,
          `${fmt(f.clientLoopLagP99Ms)}/${fmt(f.fakeLoopLagP99Ms)}`,
          fmt(f.fakeCpuPercent, 0),
          fmt(f.seconds, 1),
        ];
      }),
    ),
  );
  const late = figures.filter(
    (f) => Math.max(f.clientLoopLagP99Ms, f.fakeLoopLagP99Ms) > LAG_BUDGET_MS,
  );
  if (late.length > 0)
    console.log(
      `  The load generator itself ran late (clients' or fake's lag p99 > ${LAG_BUDGET_MS} ms) at ` +
        late.map((f) => `${f.target} ${f.sessions}×${PANES}`).join(', ') +
        ': those levels may have been driven below their pace (see tok/s/stream); is the machine busy?',
    );
  for (const f of figures)
    if (f.failures.length > 0)
      console.log(
        `  ${f.target} ${f.sessions}×${PANES}: ${f.failures.length} sessions failed, first: ${f.failures[0]}`,
      );
}
