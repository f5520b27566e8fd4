import { describe, expect, it } from 'vitest';

import { TokenCoalescer } from './token-coalescer';

function harness(windowMs: number) {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const flushed: { at: number; text: string }[] = [];
  const coalescer = new TokenCoalescer({
    windowMs,
    onFlush: (text) => flushed.push({ at: now, text }),
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimer: (handle) => timers.splice(timers.indexOf(handle as (typeof timers)[number]), 1),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of [...timers].filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  return { coalescer, flushed, advance };
}

describe('TokenCoalescer', () => {
  it('sends the first token at once and merges the burst that follows', () => {
    const { coalescer, flushed, advance } = harness(16);
    coalescer.push('Hel');
    coalescer.push('lo');
    advance(5);
    coalescer.push(', ');
    coalescer.push('world');
    expect(flushed).toEqual([{ at: 0, text: 'Hel' }]);
    advance(11);
    expect(flushed).toEqual([
      { at: 0, text: 'Hel' },
      { at: 16, text: 'lo, world' },
    ]);
  });

  it('sends a token after a quiet window immediately', () => {
    const { coalescer, flushed, advance } = harness(16);
    coalescer.push('a');
    advance(100);
    coalescer.push('b');
    expect(flushed.map((f) => f.text)).toEqual(['a', 'b']);
  });

  it('flushes the tail on demand and never loses or repeats text', () => {
    const { coalescer, flushed } = harness(16);
    const parts = ['é', '日本', '🎉', ' end'];
    for (const p of parts) coalescer.push(p);
    coalescer.flush();
    coalescer.flush();
    expect(flushed.map((f) => f.text).join('')).toBe(parts.join(''));
  });
});
