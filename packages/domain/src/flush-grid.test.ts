import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { FlushGrid } from './flush-grid';
import { TokenCoalescer } from './token-coalescer';

describe('FlushGrid', () => {
  // The grid is absolute: each test starts the clock on a slot boundary so the slots are known.
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('runs each flush in the slot nearest the time asked for, never before now', () => {
    const grid = new FlushGrid(33, () => Date.now());
    const ran: [string, number][] = [];
    const at = (name: string) => () => ran.push([name, Date.now()]);
    vi.advanceTimersByTime(3);
    grid.schedule(at('a'), 20); // asked for 23 → slot 33
    grid.schedule(at('b'), 10); // asked for 13 → slot 0 has passed → slot 33
    vi.advanceTimersByTime(5);
    grid.schedule(at('c'), 50); // asked for 58 → slot 66
    grid.schedule(at('d'), 70); // asked for 78 → slot 66
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([
      ['a', 33],
      ['b', 33],
      ['c', 66],
      ['d', 66],
    ]);
  });

  it('keeps a flush that ran late in its slot on the next slot, not the one after', () => {
    // A slot's flushes ran 8 ms late (a busy loop); the next flush, one window after that, is
    // asked for 8 ms past the next slot. Rounding up would skip a slot and halve the pace.
    const grid = new FlushGrid(33, () => Date.now());
    vi.advanceTimersByTime(41);
    const ran: number[] = [];
    grid.schedule(() => ran.push(Date.now()), 33);
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([66]);
  });

  it('puts the flushes of panes streaming out of step into the same slots', () => {
    const grid = new FlushGrid(33, () => Date.now());
    const flushes: [string, number][] = [];
    const pane = (name: string) =>
      new TokenCoalescer({
        windowMs: 33,
        onFlush: () => flushes.push([name, Date.now()]),
        now: () => Date.now(),
        setTimer: grid.schedule,
        clearTimer: grid.cancel,
      });
    const [a, b] = [pane('a'), pane('b')];
    // 50 tokens/s each, b 7 ms behind a.
    for (let t = 0; t < 200; t += 1) {
      if (t % 20 === 0) a.push('x');
      if (t % 20 === 7) b.push('y');
      vi.advanceTimersByTime(1);
    }
    // The first token of each goes out at once; after that both flush on every slot.
    expect(flushes.slice(0, 2)).toEqual([
      ['a', 0],
      ['b', 7],
    ]);
    const slots = (name: string) =>
      flushes
        .slice(2)
        .filter(([n]) => n === name)
        .map(([, at]) => at);
    expect(slots('a')).toEqual([33, 66, 99, 132, 165, 198]);
    expect(slots('b')).toEqual(slots('a'));
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
