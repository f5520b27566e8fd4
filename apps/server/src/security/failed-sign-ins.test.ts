import { describe, expect, it } from 'vitest';

import { createFailedSignIns } from './failed-sign-ins';

describe('failed sign-ins', () => {
  it('locks an address after too many failures in the window, until the oldest leaves it', () => {
    let now = 0;
    const limiter = createFailedSignIns({ maxFailures: 3, windowMs: 60_000, now: () => now });
    for (const t of [0, 10_000, 20_000]) {
      now = t;
      expect(limiter.retryAfterSeconds('a')).toBe(0);
      limiter.record('a');
    }
    expect(limiter.retryAfterSeconds('a')).toBe(40);
    expect(limiter.retryAfterSeconds('b')).toBe(0);
    now = 60_001;
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('forgets an address that signs in', () => {
    const limiter = createFailedSignIns({ maxFailures: 1, windowMs: 60_000, now: () => 0 });
    limiter.record('a');
    expect(limiter.retryAfterSeconds('a')).toBeGreaterThan(0);
    limiter.clear('a');
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });
});
