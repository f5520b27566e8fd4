import { describe, expect, it } from 'vitest';

import { SessionLocks } from './session-locks';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SessionLocks', () => {
  it('runs work on one session one at a time, in order, and other sessions in parallel', async () => {
    const locks = new SessionLocks();
    const log: string[] = [];
    const job = (name: string, ms: number) => async () => {
      log.push(`${name}:start`);
      await tick(ms);
      log.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all([
      locks.run('s1', job('a', 20)),
      locks.run('s1', job('b', 1)),
      locks.run('s2', job('c', 1)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log.indexOf('b:start')).toBeGreaterThan(log.indexOf('a:end'));
    expect(log.indexOf('c:end')).toBeLessThan(log.indexOf('a:end'));
    expect(locks.size).toBe(0);
  });

  it('lets the next work run after a failure, and passes the failure to its caller', async () => {
    const locks = new SessionLocks();
    const failed = locks.run('s', () => Promise.reject(new Error('boom')));
    const next = locks.run('s', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
