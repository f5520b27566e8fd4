import { describe, expect, it } from 'vitest';

import { finishRanks } from './race-order';

describe('finishRanks', () => {
  it('ranks complete answers by latency; running, stopped and failed ones get none', () => {
    const ranks = finishRanks([
      { paneId: 'slow', complete: true, latencyMs: 900 },
      { paneId: 'running', complete: false, latencyMs: null },
      { paneId: 'fast', complete: true, latencyMs: 300 },
      { paneId: 'stopped', complete: false, latencyMs: 100 },
    ]);
    expect([...ranks]).toEqual([
      ['fast', 1],
      ['slow', 2],
    ]);
  });

  it('gives equal latencies the same rank and skips the next (1, 1, 3)', () => {
    const ranks = finishRanks([
      { paneId: 'a', complete: true, latencyMs: 500 },
      { paneId: 'b', complete: true, latencyMs: 500 },
      { paneId: 'c', complete: true, latencyMs: 700 },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ a: 1, b: 1, c: 3 });
  });

  it('has no ranks before anyone finishes', () => {
    expect(finishRanks([{ paneId: 'a', complete: false, latencyMs: null }]).size).toBe(0);
  });
});
