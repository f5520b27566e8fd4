import { describe, expect, it } from 'vitest';

import { PaneCoalescer, type CoalescerClock } from './coalescer';

/** A clock moved by hand: timers fire only when the test advances time past them. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: CoalescerClock = {
    now: () => now,
    setTimer: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimer: (handle) => timers.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = until;
  };
  return { clock, advance, pending: () => timers.size };
}

describe('the relay pane coalescer', () => {
  it('sends the first token at once', () => {
    const { clock } = manualClock();
    const sent: string[] = [];
    new PaneCoalescer(33, (t) => sent.push(t), clock).push('a');
    expect(sent).toEqual(['a']);
  });

  it('merges tokens within a window and sends them when it ends', () => {
    const { clock, advance } = manualClock();
    const sent: string[] = [];
    const c = new PaneCoalescer(33, (t) => sent.push(t), clock);
    c.push('a');
    advance(20);
    c.push('b');
    advance(10);
    c.push('c');
    expect(sent).toEqual(['a']);
    advance(3);
    expect(sent).toEqual(['a', 'bc']);
  });

  it('at 50 tokens/s sends about one event per window, keeping every character in order', () => {
    const { clock, advance } = manualClock();
    const sent: string[] = [];
    const c = new PaneCoalescer(33, (t) => sent.push(t), clock);
    const tokens = Array.from({ length: 100 }, (_, i) => `t${i} `);
    for (const token of tokens) {
      c.push(token);
      advance(20);
    }
    c.flush();
    expect(sent.join('')).toBe(tokens.join(''));
    // 100 tokens over 2 s at one event per 33 ms: ~60 events rather than 100.
    expect(sent.length).toBeGreaterThanOrEqual(55);
    expect(sent.length).toBeLessThanOrEqual(65);
  });

  it('sends a token at once again after a quiet window', () => {
    const { clock, advance } = manualClock();
    const sent: string[] = [];
    const c = new PaneCoalescer(33, (t) => sent.push(t), clock);
    c.push('a');
    advance(100);
    c.push('b');
    expect(sent).toEqual(['a', 'b']);
  });

  it('flush sends the rest at once, cancels the timer, and sends nothing when empty', () => {
    const { clock, advance, pending } = manualClock();
    const sent: string[] = [];
    const c = new PaneCoalescer(33, (t) => sent.push(t), clock);
    c.push('a');
    c.push('b');
    expect(pending()).toBe(1);
    c.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(pending()).toBe(0);
    c.flush();
    c.push('');
    advance(100);
    expect(sent).toEqual(['a', 'b']);
  });
});
