import type { Upstream } from './fake-process';
import { SETTLE_MS } from './load';
import type { LoadTarget } from './load-targets';
import { loadAnswer } from './load-text';
import { fmt, percentile } from './stats';

const BROADCASTS = 50;
const PANES = 4;
const SPREAD_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 50 sessions, each its own client, start a 4-pane broadcast within one second (as users arrive):
 * how long `broadcast.create` keeps each of them waiting while the earlier ones start streaming.
 * The answers are short (50 tokens at 50 tokens/s), so the part ends within seconds.
 */
export async function measureCreateBurst({ fake, target }: { fake: Upstream; target: LoadTarget }) {
  const answer = loadAnswer(50);
  await fake.setDefaultScenario({
    text: answer.text,
    chunkSize: answer.chunkSize,
    tokenDelayMs: 20,
    firstTokenDelayMs: 50,
  });
  const sessions = await Promise.all(
    Array.from({ length: BROADCASTS }, () => target.openSession()),
  );
  try {
    await sleep(SETTLE_MS);
    const runs = await Promise.all(
      sessions.map(async (session, i) => {
        await sleep((i * SPREAD_MS) / BROADCASTS);
        return session.broadcast(`burst ${i}`, PANES);
      }),
    );
    if (runs.some((r) => r.texts.some((t) => t !== answer.text)))
      throw new Error('create burst: an answer arrived different from what the fake sent');
    const createMs = runs.map((r) => r.createMs ?? Number.NaN);
    const figures = {
      broadcasts: BROADCASTS,
      p50Ms: percentile(createMs, 50),
      p99Ms: percentile(createMs, 99),
      maxMs: Math.max(...createMs),
      createMs,
    };
    console.log(
      `\n${BROADCASTS} broadcasts (${PANES} panes each, each session its own client) started within ${SPREAD_MS / 1000} s: ` +
        `broadcast.create p50 ${fmt(figures.p50Ms)} ms, p99 ${fmt(figures.p99Ms)} ms, max ${fmt(figures.maxMs)} ms`,
    );
    return figures;
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}
