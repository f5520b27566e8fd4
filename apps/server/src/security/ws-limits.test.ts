import { describe, expect, it } from 'vitest';

import type { Refusal } from './refusal';
import { createCallLimits, createConnectionCounter, type CallMessage } from './ws-limits';

function limits(options: { subscriptions?: number; callsPerSecond?: number } = {}) {
  let now = 0;
  const refused: { call: CallMessage; refusal: Refusal }[] = [];
  const encoder = createCallLimits({
    subscriptions: options.subscriptions ?? 100,
    callsPerSecond: options.callsPerSecond ?? 100,
    refuse: (call, refusal) => refused.push({ call, refusal }),
    now: () => now,
  });
  const send = (...messages: object[]) =>
    encoder.decode(JSON.stringify(messages.length === 1 ? messages[0] : messages));
  const sub = (id: number) => ({ id, method: 'subscription', params: { path: 'sessions.events' } });
  const query = (id: number) => ({ id, method: 'query', params: { path: 'sessions.list' } });
  return { encoder, refused, send, sub, query, tick: (ms: number) => (now += ms) };
}

describe('createCallLimits', () => {
  it('passes calls through untouched while under the limits', () => {
    const l = limits();
    expect(l.send(l.query(1))).toEqual(l.query(1));
    expect(l.send(l.query(2), l.sub(3))).toEqual([l.query(2), l.sub(3)]);
    expect(l.refused).toEqual([]);
  });

  it('refuses subscriptions over the cap, and frees places on stop, on stopped and on error', () => {
    const l = limits({ subscriptions: 2 });
    l.send(l.sub(1), l.sub(2));
    expect(l.send(l.sub(3))).toEqual([]);
    expect(l.refused[0]!.call.id).toBe(3);
    expect(l.refused[0]!.refusal.message).toContain('LIMIT_SUBSCRIPTIONS_PER_CONNECTION');

    l.send({ id: 1, method: 'subscription.stop' });
    expect(l.send(l.sub(4))).toEqual(l.sub(4));
    l.encoder.encode({ id: 2, result: { type: 'stopped' } });
    expect(l.send(l.sub(5))).toEqual(l.sub(5));
    l.encoder.encode({ id: 4, error: { message: 'gone' } });
    expect(l.send(l.sub(6))).toEqual(l.sub(6));
    // Data replies keep the subscription counted.
    l.encoder.encode({ id: 5, result: { type: 'data', data: {} } });
    expect(l.send(l.sub(7))).toEqual([]);
  });

  it('refuses calls over the rate within any second, and admits them again a second later', () => {
    const l = limits({ callsPerSecond: 3 });
    expect(l.send(l.query(1), l.query(2), l.query(3), l.query(4))).toEqual([
      l.query(1),
      l.query(2),
      l.query(3),
    ]);
    expect(l.refused.map((r) => r.call.id)).toEqual([4]);
    expect(l.refused[0]!.refusal.message).toContain(
      'at most 3 per second (LIMIT_CALLS_PER_SECOND)',
    );
    l.tick(999);
    expect(l.send(l.query(5))).toEqual([]);
    l.tick(1);
    expect(l.send(l.query(6))).toEqual(l.query(6));
  });

  it('leaves other messages (connection params, stops) alone', () => {
    const l = limits({ callsPerSecond: 1 });
    l.send(l.query(1));
    const params = { method: 'connectionParams', data: { a: '1' } };
    expect(l.send(params)).toEqual(params);
    expect(l.send({ id: 9, method: 'subscription.stop' })).toEqual({
      id: 9,
      method: 'subscription.stop',
    });
  });
});

describe('createConnectionCounter', () => {
  it('refuses an address over its cap until one of its connections closes', () => {
    const counter = createConnectionCounter(2);
    expect(counter.admit('10.0.0.1')).toBeNull();
    expect(counter.admit('10.0.0.1')).toBeNull();
    expect(counter.admit('10.0.0.1')?.message).toContain(
      'at most 2 at once (LIMIT_CONNECTIONS_PER_ADDRESS)',
    );
    expect(counter.admit('10.0.0.2')).toBeNull();
    counter.release('10.0.0.1');
    expect(counter.admit('10.0.0.1')).toBeNull();
  });
});
