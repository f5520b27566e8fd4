import { describe, expect, it } from 'vitest';

import { failedLevel, type LevelFigures } from './level-figures';
import { checkExitCode, evaluateTargets, type BenchFigures, type TargetRow } from './targets';

/** A level that ran: exact answers, the given lag and CPU per token. */
function level(
  target: string,
  sessions: number,
  { lag = 20, micros = 50, faults = 0 }: { lag?: number; micros?: number; faults?: number } = {},
): LevelFigures {
  return {
    ...failedLevel(target, sessions, 4, ''),
    failures: [],
    shortAnswers: faults,
    wrongAnswers: 0,
    loopLagP99Ms: lag,
    cpuMicrosPerToken: micros,
    held: lag < 50 && faults === 0,
  };
}

const row = (rows: TargetRow[], start: string) => rows.find((r) => r.target.startsWith(start))!;

const everythingMet: BenchFigures = {
  addedLatency: { addedTtftP50: 2.1, addedTtftP99: 9 },
  createBurst: { broadcasts: 50, p50Ms: 20, p99Ms: 60 },
  load: [
    level('relay', 50, { micros: 45 }),
    level('product', 50, { micros: 80 }),
    level('relay', 100, { micros: 44 }),
    level('product', 100, { lag: 70, micros: 85 }),
  ],
  workers: { processes: 2, figures: [level('product ×2', 100, { lag: 30 })] },
};

describe('the targets of issue 18', () => {
  it('are all met by a run that meets them, and --check passes', () => {
    const rows = evaluateTargets(everythingMet);
    expect(rows.map((r) => r.verdict)).toEqual(Array(rows.length).fill('met'));
    expect(row(rows, 'server CPU per token').measured).toBe(
      '1.78× at 200 streams (80.0 vs 45.0 µs)',
    );
    expect(row(rows, 'WORKERS=2 ÷').measured).toBe('2.00× (400 vs 200 streams)');
    expect(checkExitCode(rows)).toBe(0);
  });

  it('judge the CPU ratio at 200 streams, not at another level', () => {
    const rows = evaluateTargets({
      load: [
        level('relay', 50, { micros: 40 }),
        level('product', 50, { micros: 100 }),
        level('relay', 100, { micros: 50 }),
        level('product', 100, { micros: 90 }),
      ],
    });
    expect(row(rows, 'server CPU per token').verdict).toBe('missed');
    expect(checkExitCode(rows)).toBe(1);
  });

  it('miss the one-instance target on lag or on a lost token', () => {
    const lag = evaluateTargets({ load: [level('product', 50, { lag: 51 })] });
    expect(row(lag, 'one instance holds').verdict).toBe('missed');
    const lost = evaluateTargets({ load: [level('product', 50, { faults: 1 })] });
    expect(row(lost, 'one instance holds').verdict).toBe('missed');
    expect(row(lost, 'every answer exact').verdict).toBe('missed');
  });

  it('miss the latency targets above their limits', () => {
    const rows = evaluateTargets({
      addedLatency: { addedTtftP50: 3.5, addedTtftP99: 15 },
      createBurst: { broadcasts: 50, p50Ms: 51, p99Ms: 80 },
    });
    expect(row(rows, 'added time to first token p50').verdict).toBe('missed');
    expect(row(rows, 'added time to first token p99').verdict).toBe('met');
    expect(row(rows, 'broadcast.create').verdict).toBe('missed');
  });

  it('take broadcast.create from the 50-session load level when the latency part did not run', () => {
    const at50 = { ...level('product', 50), createP50Ms: 40, createP99Ms: 90 };
    expect(row(evaluateTargets({ load: [at50] }), 'broadcast.create').verdict).toBe('met');
  });

  it('say what was not measured, and --check does not fail on it', () => {
    const rows = evaluateTargets({ workers: { skipped: 'Redis at redis://… is unreachable' } });
    expect(rows.map((r) => r.verdict)).toEqual(Array(rows.length).fill('not measured'));
    expect(row(rows, 'WORKERS=2 holds').measured).toBe('skipped: PostgreSQL or Redis unreachable');
    expect(checkExitCode(rows)).toBe(0);
  });

  it('do not call the WORKERS gain missed when every WORKERS level held', () => {
    const rows = evaluateTargets({
      load: [level('product', 100), level('product', 150)],
      workers: { processes: 2, figures: [level('product ×2', 100)] },
    });
    expect(row(rows, 'WORKERS=2 ÷').verdict).toBe('not measured');
    expect(row(rows, 'WORKERS=2 ÷').measured).toContain('try a higher --worker-levels');
  });

  it('miss the WORKERS gain when WORKERS failed a level below 1.8× one instance', () => {
    const rows = evaluateTargets({
      load: [level('product', 50)],
      workers: {
        processes: 2,
        figures: [level('product ×2', 75), level('product ×2', 100, { lag: 80 })],
      },
    });
    expect(row(rows, 'WORKERS=2 holds').verdict).toBe('missed');
    expect(row(rows, 'WORKERS=2 ÷').verdict).toBe('missed');
    expect(row(rows, 'WORKERS=2 ÷').measured).toBe('1.50× (300 vs 200 streams)');
  });
});
