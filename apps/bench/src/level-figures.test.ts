import { describe, expect, it } from 'vitest';

import {
  costRatio,
  levelFigures,
  microsPer,
  type LevelMeasurement,
  type SessionRun,
} from './level-figures';
import type { WindowFigures } from './process-readings';

const words = (s: string) => s.split(' ').length - 1;
const RULE = { lagBudgetMs: 50, minStreamRate: 40 };
const EXACT = 'a b c d ';

function window(over: Partial<WindowFigures> = {}): WindowFigures {
  return {
    cpuSeconds: 0,
    loopLagP99Ms: 10,
    loopLagMaxMs: 12,
    rssBytes: 100e6,
    databaseWrites: null,
    answersFinished: null,
    processes: [],
    ...over,
  };
}

/** A session's two panes: 4 tokens each, 3 token gaps in 0.06 s = 50 tokens/s. */
function run(over: Partial<SessionRun> = {}): SessionRun {
  return {
    texts: [EXACT, EXACT],
    events: 6,
    duplicates: 0,
    createMs: null,
    streamSeconds: [0.06, 0.06],
    ...over,
  };
}

function measurement(over: Partial<LevelMeasurement> = {}): LevelMeasurement {
  return {
    target: 'relay',
    sessions: 2,
    panes: 2,
    expectedText: EXACT,
    seconds: 10,
    runs: [run(), run()],
    failures: [],
    rssBeforeBytes: 90e6,
    startWindow: window({ cpuSeconds: 0.004 }),
    streamingWindow: window({ cpuSeconds: 0.012 }),
    clientLoopLagP99Ms: 11,
    fakeLoopLagP99Ms: 12,
    fakeCpuPercent: 5,
    ...over,
  };
}

describe('µs per token and per event', () => {
  it('divides the CPU of both windows by the tokens delivered and the events sent', () => {
    const f = levelFigures(measurement(), words, RULE);
    // 16 ms of CPU over 16 tokens and 12 events.
    expect(f.tokens).toBe(16);
    expect(f.cpuMicrosPerToken).toBeCloseTo(1000);
    expect(f.cpuMicrosPerEvent).toBeCloseTo(16000 / 12);
    expect(f.cpuPercent).toBeCloseTo(0.16);
    expect(f.tokensPerSecond).toBeCloseTo(1.6);
    expect(f.memoryPerStreamKb).toBeCloseTo(2500);
  });

  it('is not a number when nothing was delivered', () => {
    expect(microsPer(1, 0)).toBeNaN();
    expect(microsPer(0.5, 1000)).toBe(500);
  });

  it('gives the product its ratio to the relay', () => {
    const relay = levelFigures(measurement(), words, RULE);
    const product = levelFigures(
      measurement({ target: 'product', streamingWindow: window({ cpuSeconds: 0.044 }) }),
      words,
      RULE,
    );
    expect(costRatio(product, relay)).toBeCloseTo(3);
  });
});

describe('whether a level held', () => {
  it('holds with both windows under the budget, every answer exact, at pace', () => {
    const f = levelFigures(measurement(), words, RULE);
    expect(f.streamRateP50).toBeCloseTo(50);
    expect(f.held).toBe(true);
  });

  it('does not hold when either window is over the budget', () => {
    const f = levelFigures(measurement({ startWindow: window({ loopLagP99Ms: 60 }) }), words, RULE);
    expect(f.loopLagP99Ms).toBe(60);
    expect(f.held).toBe(false);
  });

  it('does not hold when the streams ran below pace', () => {
    const slow = run({ streamSeconds: [0.1, 0.1] });
    const f = levelFigures(measurement({ runs: [slow, slow] }), words, RULE);
    expect(f.streamRateP50).toBeCloseTo(30);
    expect(f.held).toBe(false);
  });

  it('counts short, wrong and missing answers and repeated events', () => {
    const f = levelFigures(
      measurement({
        runs: [run({ texts: ['a b c ', 'a c b d '], duplicates: 1 })],
        failures: ['timed out'],
      }),
      words,
      RULE,
    );
    // One short, two missing (the failed session), two wrong; one repeated event.
    expect(f.shortAnswers).toBe(3);
    expect(f.wrongAnswers).toBe(2);
    expect(f.duplicateEvents).toBe(1);
    expect(f.held).toBe(false);
  });

  it('reports the product counters and broadcast.create times when there are some', () => {
    const f = levelFigures(
      measurement({
        target: 'product',
        runs: [run({ createMs: 30 }), run({ createMs: 10 })],
        startWindow: window({ databaseWrites: 4, answersFinished: 0 }),
        streamingWindow: window({ databaseWrites: 1, answersFinished: 4 }),
      }),
      words,
      RULE,
    );
    expect(f.databaseWritesPerAnswer).toBeCloseTo(1.25);
    expect(f.createP50Ms).toBe(10);
    expect(f.createP99Ms).toBe(30);
    expect(levelFigures(measurement(), words, RULE).databaseWritesPerAnswer).toBeNull();
  });
});
