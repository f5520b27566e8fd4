import { describe, expect, it } from 'vitest';

import { ConnectionBalancer } from './connection-balancer';

const assignMany = (b: ConnectionBalancer, n: number) =>
  Array.from({ length: n }, () => b.assign());

describe('the connection balancer', () => {
  it('spreads connections evenly over the ready workers', () => {
    const b = new ConnectionBalancer();
    b.ready(1);
    b.ready(2);
    assignMany(b, 101);
    expect([...b.counts().values()].sort()).toEqual([50, 51]);
  });

  it('gives new connections to the worker whose connections closed', () => {
    const b = new ConnectionBalancer();
    b.ready(1);
    b.ready(2);
    assignMany(b, 10);
    for (let i = 0; i < 4; i += 1) b.closed(1);
    expect(assignMany(b, 4)).toEqual([1, 1, 1, 1]);
    expect(b.counts().get(1)).toBe(5);
    expect(b.counts().get(2)).toBe(5);
  });

  it('has no worker before one is ready, and forgets one that is gone', () => {
    const b = new ConnectionBalancer();
    expect(b.assign()).toBeNull();
    b.ready(1);
    b.ready(2);
    b.gone(1);
    expect(assignMany(b, 3)).toEqual([2, 2, 2]);
    b.ready(3); // a replacement starts with none: it takes the next ones
    expect(assignMany(b, 3)).toEqual([3, 3, 3]);
  });

  it('never counts below zero', () => {
    const b = new ConnectionBalancer();
    b.ready(1);
    b.closed(1);
    expect(b.counts().get(1)).toBe(0);
  });
});
