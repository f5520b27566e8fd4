import { describe, expect, it } from 'vitest';

import { SpendTracker } from './spend-tracker';

const session = { key: 'session:s', scope: 'session' as const, limitUsd: 1, baseUsd: 0.5 };

describe('SpendTracker', () => {
  it('adds what answers sharing a limit cost so far to what was spent before', () => {
    const spend = new SpendTracker();
    const a = spend.join('a', [session]);
    const b = spend.join('b', [{ ...session, baseUsd: 0.9 }]);
    expect(a.update(0.3)).toBeNull();
    expect(spend.spentIn('session:s')).toBeCloseTo(0.8, 12);
    // b joined an open scope: the base it read does not count twice.
    expect(b.update(0.25)).toBe('session');
    expect(a.update(0.3)).toBe('session');
  });

  it('moves an ended answer’s final cost out of the live figures and closes a scope with its last answer', () => {
    const spend = new SpendTracker();
    const a = spend.join('a', [session]);
    const b = spend.join('b', [session]);
    a.update(0.1);
    a.settle(0.2);
    a.settle(5);
    expect(spend.spentIn('session:s')).toBeCloseTo(0.7, 12);
    expect(a.update(9)).toBeNull();
    b.settle(0.05);
    expect(spend.spentIn('session:s')).toBeUndefined();
    expect(spend.openScopes).toBe(0);
  });

  it('answers to the smallest of several limits, and to a limit changed while it streams', () => {
    const spend = new SpendTracker();
    const meter = spend.join('a', [
      { key: 'broadcast:b', scope: 'broadcast', limitUsd: 0.2, baseUsd: 0 },
      { key: 'month:2026-01', scope: 'monthly', limitUsd: 10, baseUsd: 9.95 },
    ]);
    expect(meter.update(0.1)).toBe('monthly');
    spend.setLimit('month:2026-01', null);
    expect(meter.update(0.1)).toBeNull();
    expect(meter.update(0.2)).toBe('broadcast');
  });
});
