import type { WindowFigures } from './process-readings';
import { percentile } from './stats';

/** What one session saw of its broadcast: each pane's text, the events, repeated events. */
export interface SessionRun {
  texts: string[];
  events: number;
  duplicates: number;
  /** ms the product's broadcast.create took (null for the relay, which has no such call). */
  createMs: number | null;
  /** Per pane: seconds from its first token to its end, as this client saw them (NaN if none came). */
  streamSeconds: number[];
}

/** The raw measurements of one load level on one target. */
export interface LevelMeasurement {
  target: string;
  sessions: number;
  panes: number;
  expectedText: string;
  seconds: number;
  /** One per session that finished; sessions that failed are in `failures`. */
  runs: SessionRun[];
  failures: string[];
  /** Memory of the target's processes before the level. */
  rssBeforeBytes: number;
  /** The 1.5 s in which broadcasts start, then the streaming after it (consecutive windows). */
  startWindow: WindowFigures;
  streamingWindow: WindowFigures;
  clientLoopLagP99Ms: number;
  /** The fake upstream's event-loop delay p99 (worse window) and CPU over the level, % of a core. */
  fakeLoopLagP99Ms: number;
  fakeCpuPercent: number;
}

export interface LevelFigures {
  target: string;
  sessions: number;
  streams: number;
  seconds: number;
  tokens: number;
  events: number;
  tokensPerSecond: number;
  eventsPerSecond: number;
  shortAnswers: number;
  wrongAnswers: number;
  duplicateEvents: number;
  failures: string[];
  /** Server CPU over both windows, as % of one core (several processes add up). */
  cpuPercent: number;
  cpuMicrosPerToken: number;
  cpuMicrosPerEvent: number;
  startLoopLagP99Ms: number;
  streamingLoopLagP99Ms: number;
  /** The worse of the two windows: what the budget is held against. */
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  rssMb: number;
  memoryPerStreamKb: number;
  databaseWritesPerAnswer: number | null;
  createP50Ms: number | null;
  createP99Ms: number | null;
  clientLoopLagP99Ms: number;
  fakeLoopLagP99Ms: number;
  fakeCpuPercent: number;
  /**
   * The pace the answers streamed at, as clients received them (median over panes, tokens/s
   * from first token to end): below the fake's pace, the level was not driven as asked, by a
   * slow server or by a load generator that could not keep up (see clientLoopLagP99Ms).
   */
  streamRateP50: number;
  /** Each server process's CPU (% of a core) and lag p99 in the two windows. */
  processes: {
    instance: string;
    cpuPercent: number;
    startLoopLagP99Ms: number;
    streamingLoopLagP99Ms: number;
    /** Answers it finished over the level (null for the relay). */
    answers: number | null;
  }[];
  /** Lag p99 under the budget in both windows, every answer exact, streamed at pace. */
  held: boolean;
}

/** CPU time per item in µs; NaN when there were none. */
export function microsPer(cpuSeconds: number, count: number): number {
  return count > 0 ? (cpuSeconds * 1e6) / count : Number.NaN;
}

export interface HoldRule {
  lagBudgetMs: number;
  /** Tokens/s per stream (median) below which a level did not run at its pace. */
  minStreamRate: number;
}

/** `countTokens` counts the tokens of a received text (see load-text.ts). */
export function levelFigures(
  m: LevelMeasurement,
  countTokens: (text: string) => number,
  rule: HoldRule,
): LevelFigures {
  const streams = m.sessions * m.panes;
  const texts = m.runs.flatMap((r) => r.texts);
  const tokens = texts.reduce((n, t) => n + countTokens(t), 0);
  const events = m.runs.reduce((n, r) => n + r.events, 0);
  const cpuSeconds = m.startWindow.cpuSeconds + m.streamingWindow.cpuSeconds;
  const shortAnswers =
    texts.filter((t) => t.length < m.expectedText.length).length + (streams - texts.length);
  const wrongAnswers = texts.filter((t) => t !== m.expectedText).length;
  const duplicateEvents = m.runs.reduce((n, r) => n + r.duplicates, 0);
  const loopLagP99Ms = Math.max(m.startWindow.loopLagP99Ms, m.streamingWindow.loopLagP99Ms);
  const peakRss = Math.max(m.startWindow.rssBytes, m.streamingWindow.rssBytes);
  const writes = [m.startWindow, m.streamingWindow].map((w) => w.databaseWrites);
  const finished = [m.startWindow, m.streamingWindow].map((w) => w.answersFinished);
  const creates = m.runs.flatMap((r) => (r.createMs === null ? [] : [r.createMs]));
  const rates = m.runs
    .flatMap((r) => r.texts.map((t, i) => (countTokens(t) - 1) / r.streamSeconds[i]!))
    .filter(Number.isFinite);
  const streamRateP50 = rates.length > 0 ? percentile(rates, 50) : Number.NaN;
  return {
    target: m.target,
    sessions: m.sessions,
    streams,
    seconds: m.seconds,
    tokens,
    events,
    tokensPerSecond: tokens / m.seconds,
    eventsPerSecond: events / m.seconds,
    shortAnswers,
    wrongAnswers,
    duplicateEvents,
    failures: m.failures,
    cpuPercent: (cpuSeconds / m.seconds) * 100,
    cpuMicrosPerToken: microsPer(cpuSeconds, tokens),
    cpuMicrosPerEvent: microsPer(cpuSeconds, events),
    startLoopLagP99Ms: m.startWindow.loopLagP99Ms,
    streamingLoopLagP99Ms: m.streamingWindow.loopLagP99Ms,
    loopLagP99Ms,
    loopLagMaxMs: Math.max(m.startWindow.loopLagMaxMs, m.streamingWindow.loopLagMaxMs),
    rssMb: peakRss / 1e6,
    memoryPerStreamKb: Math.max(0, peakRss - m.rssBeforeBytes) / streams / 1000,
    databaseWritesPerAnswer:
      writes.includes(null) || finished.includes(null)
        ? null
        : (writes[0]! + writes[1]!) / Math.max(1, finished[0]! + finished[1]!),
    createP50Ms: creates.length > 0 ? percentile(creates, 50) : null,
    createP99Ms: creates.length > 0 ? percentile(creates, 99) : null,
    clientLoopLagP99Ms: m.clientLoopLagP99Ms,
    fakeLoopLagP99Ms: m.fakeLoopLagP99Ms,
    fakeCpuPercent: m.fakeCpuPercent,
    streamRateP50,
    processes: m.streamingWindow.processes.map((p) => {
      const start = m.startWindow.processes.find((s) => s.instance === p.instance);
      return {
        instance: p.instance,
        cpuPercent: (((start?.cpuSeconds ?? Number.NaN) + p.cpuSeconds) / m.seconds) * 100,
        startLoopLagP99Ms: start?.loopLagP99Ms ?? Number.NaN,
        streamingLoopLagP99Ms: p.loopLagP99Ms,
        answers:
          p.answersFinished === null ? null : (start?.answersFinished ?? 0) + p.answersFinished,
      };
    }),
    held:
      loopLagP99Ms < rule.lagBudgetMs &&
      shortAnswers + wrongAnswers + duplicateEvents === 0 &&
      streamRateP50 >= rule.minStreamRate,
  };
}

/** The product's CPU per token over the relay's at the same level (the "≤ 2× the floor"). */
export function costRatio(product: LevelFigures, relay: LevelFigures): number {
  return product.cpuMicrosPerToken / relay.cpuMicrosPerToken;
}

/** A level that could not run at all (e.g. its sessions could not open): every answer missing. */
export function failedLevel(
  target: string,
  sessions: number,
  panes: number,
  reason: string,
): LevelFigures {
  const none = Number.NaN;
  return {
    target,
    sessions,
    streams: sessions * panes,
    seconds: none,
    tokens: 0,
    events: 0,
    tokensPerSecond: none,
    eventsPerSecond: none,
    shortAnswers: sessions * panes,
    wrongAnswers: sessions * panes,
    duplicateEvents: 0,
    failures: [reason],
    cpuPercent: none,
    cpuMicrosPerToken: none,
    cpuMicrosPerEvent: none,
    startLoopLagP99Ms: none,
    streamingLoopLagP99Ms: none,
    loopLagP99Ms: none,
    loopLagMaxMs: none,
    rssMb: none,
    memoryPerStreamKb: none,
    databaseWritesPerAnswer: null,
    createP50Ms: null,
    createP99Ms: null,
    clientLoopLagP99Ms: none,
    fakeLoopLagP99Ms: none,
    fakeCpuPercent: none,
    streamRateP50: none,
    processes: [],
    held: false,
  };
}
