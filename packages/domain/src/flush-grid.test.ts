import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { FlushGrid } from './flush-grid';

describe('FlushGrid', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs flushes due in the same slot together, never before they were asked for', () => {
    // The grid is absolute: start the clock on a slot boundary so the slots below are known.
    vi.setSystemTime(0);
    const grid = new FlushGrid(16, () => Date.now());
    const start = Date.now();
    const ran: [string, number][] = [];
    const at = (name: string) => () => ran.push([name, Date.now() - start]);
    vi.advanceTimersByTime(3);
    grid.schedule(at('a'), 20); // due at 23 → slot 32
    vi.advanceTimersByTime(5);
    grid.schedule(at('b'), 20); // due at 28 → slot 32
    grid.schedule(at('c'), 30); // due at 38 → slot 48
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([
      ['a', 32],
      ['b', 32],
      ['c', 48],
    ]);
  });

  it('cancels one flush without the others of its slot', () => {
    const grid = new FlushGrid(16, () => Date.now());
    const ran: string[] = [];
    const a = grid.schedule(() => ran.push('a'), 10);
    grid.schedule(() => ran.push('b'), 10);
    grid.cancel(a);
    vi.advanceTimersByTime(40);
    expect(ran).toEqual(['b']);
    const c = grid.schedule(() => ran.push('c'), 10);
    grid.cancel(c);
    vi.advanceTimersByTime(40);
    expect(ran).toEqual(['b']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
