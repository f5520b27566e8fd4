import { describe, expect, it } from 'vitest';

import type { ProviderStatus } from '@mlb/contracts';
import { silentLogger } from '@mlb/logger';

import { createProviderStatuses, healthReport, healthStatusCode } from './health-report';

const status = (id: string, state: ProviderStatus['state']): ProviderStatus => ({
  id,
  label: id,
  configured: state !== 'not_configured',
  state,
  latencyMs: 1,
  checkedAt: null,
  lastError: null,
  hint: null,
  simulated: false,
});

/** A provider check the test ends when it wants. */
function scriptedCheck() {
  const pending: ((statuses: ProviderStatus[]) => void)[] = [];
  return {
    calls: () => pending.length,
    check: () => new Promise<ProviderStatus[]>((resolve) => pending.push(resolve)),
    finish: (statuses: ProviderStatus[]) => pending.at(-1)!(statuses),
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('provider statuses for GET /health', () => {
  it('never waits for a provider: the first read starts a check and answers with none', async () => {
    const check = scriptedCheck();
    let now = 1_000;
    const statuses = createProviderStatuses({ ...check, logger: silentLogger, now: () => now });
    expect(statuses.read()).toEqual({ statuses: [], checkedAt: null });
    expect(statuses.read()).toEqual({ statuses: [], checkedAt: null });
    expect(check.calls()).toBe(1);
    check.finish([status('groq', 'healthy')]);
    await flush();
    now = 2_000;
    expect(statuses.read()).toEqual({
      statuses: [status('groq', 'healthy')],
      checkedAt: new Date(1_000).toISOString(),
    });
    expect(check.calls()).toBe(1);
  });

  it('starts one new check when the last is older than its age limit, answering from the last meanwhile', async () => {
    const check = scriptedCheck();
    let now = 0;
    const statuses = createProviderStatuses({
      ...check,
      logger: silentLogger,
      now: () => now,
      maxAgeMs: 100,
    });
    void statuses.checkNow();
    check.finish([status('groq', 'healthy')]);
    await flush();
    now = 101;
    expect(statuses.read().statuses).toEqual([status('groq', 'healthy')]);
    expect(statuses.read().statuses).toEqual([status('groq', 'healthy')]);
    expect(check.calls()).toBe(2);
    check.finish([status('groq', 'unhealthy')]);
    await flush();
    expect(statuses.read().statuses).toEqual([status('groq', 'unhealthy')]);
  });

  it('keeps the status code to the database: 503 without it, 200 with a provider down', async () => {
    const check = scriptedCheck();
    const providers = createProviderStatuses({ ...check, logger: silentLogger });
    void providers.checkNow();
    check.finish([status('groq', 'unhealthy'), status('demo', 'healthy')]);
    await flush();
    const memory = async () => ({ backend: 'memory' as const, ok: true, error: null });
    const degraded = await healthReport({
      pingDatabase: async () => true,
      providers,
      eventLog: memory,
      version: '1',
    });
    expect(degraded).toMatchObject({ status: 'degraded', database: 'ok' });
    expect(healthStatusCode(degraded)).toBe(200);
    const down = await healthReport({
      pingDatabase: () => Promise.reject(new Error('gone')),
      providers,
      eventLog: memory,
      version: '1',
    });
    expect(down).toMatchObject({ status: 'unavailable', database: 'error' });
    expect(healthStatusCode(down)).toBe(503);
    // Redis away: answers still stream here, but other instances' followers miss them.
    const redisDown = await healthReport({
      pingDatabase: async () => true,
      providers: createProviderStatuses({ check: async () => [], logger: silentLogger }),
      eventLog: async () => ({ backend: 'redis', ok: false, error: 'no answer within 2 s' }),
      version: '1',
    });
    expect(redisDown).toMatchObject({
      status: 'degraded',
      eventLog: { backend: 'redis', state: 'error', error: 'no answer within 2 s' },
    });
    expect(healthStatusCode(redisDown)).toBe(200);
  });
});
