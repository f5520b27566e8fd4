import { describe, expect, it } from 'vitest';

import { EnvError } from '@mlb/config';

import { loadEnv } from './env';

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('loadEnv', () => {
  it('reports invalid secret-bearing values without printing the secrets', () => {
    const message = problemsOf({
      OPENAI_COMPATIBLE_PROVIDERS:
        '[{"id":"openrouter","baseUrl":"not a url","apiKey":"sk-or-v1-5ecret"}]',
      DATABASE_URL: 'mysql://app:pa55w0rd@db:3306/app',
      ACCESS_TOKEN: 'short-s3cret',
    });
    expect(message).toContain('OPENAI_COMPATIBLE_PROVIDERS[0].baseUrl');
    expect(message).toContain('DATABASE_URL ("mysql://app:***@db:3306/app")');
    expect(message).toContain('ACCESS_TOKEN ("***"): expected at least 16 characters');
    for (const secret of ['sk-or-v1-5ecret', 'pa55w0rd', 'short-s3cret'])
      expect(message).not.toContain(secret);
  });

  it('hides JSON that does not parse, since it may hold keys', () => {
    const message = problemsOf({ OPENAI_COMPATIBLE_PROVIDERS: '[{"apiKey":"sk-live-9"' });
    expect(message).toContain('OPENAI_COMPATIBLE_PROVIDERS (JSON not shown');
    expect(message).not.toContain('sk-live-9');
  });

  it('reads the security settings and says what each expects', () => {
    const env = loadEnv({
      ALLOWED_ORIGINS: 'https://dash.example.com, http://localhost:3000/',
      ALLOWED_HOSTS: 'Broadcast.Example.com,[::1]',
      TRUSTED_PROXIES: '10.0.0.0/8, ::1',
      TRUSTED_PROXY_AUTH_HEADER: 'X-Forwarded-User',
    }).server;
    expect(env.ALLOWED_ORIGINS).toEqual(['https://dash.example.com', 'http://localhost:3000']);
    expect(env.ALLOWED_HOSTS).toEqual(['broadcast.example.com', '::1']);
    expect(env.TRUSTED_PROXY_AUTH_HEADER).toBe('x-forwarded-user');
    expect(env.LIMIT_SUBSCRIPTIONS_PER_CONNECTION).toBe(100);

    const message = problemsOf({
      ALLOWED_ORIGINS: 'https://ok.example,https://x.example/path',
      ALLOWED_HOSTS: 'http://host.example',
      TRUSTED_PROXIES: '10.0.0.0/40',
      LIMIT_CALLS_PER_SECOND: '0',
    });
    expect(message).toContain('ALLOWED_ORIGINS[1]');
    expect(message).toContain('(scheme, host and port; no path)');
    expect(message).toContain('ALLOWED_HOSTS[0]');
    expect(message).toContain('TRUSTED_PROXIES[0]');
    expect(message).toContain('LIMIT_CALLS_PER_SECOND ("0"): expected a number above 0');
  });

  it('refuses a proxy auth header without the proxies allowed to set it', () => {
    expect(problemsOf({ TRUSTED_PROXY_AUTH_HEADER: 'X-Forwarded-User' })).toContain(
      'TRUSTED_PROXY_AUTH_HEADER ("X-Forwarded-User"): needs TRUSTED_PROXIES',
    );
  });

  it('runs several processes only with Redis and PostgreSQL, and says why', () => {
    const noRedis = problemsOf({ WORKERS: '2', DATABASE_URL: 'postgresql://u@db/x' });
    expect(noRedis).toContain('WORKERS');
    expect(noRedis).toContain('set REDIS_URL');
    const sqlite = problemsOf({ WORKERS: '2', REDIS_URL: 'redis://r:6379' });
    expect(sqlite).toContain('SQLite is safe for one server process only');
    const ok = loadEnv({
      WORKERS: 'auto',
      REDIS_URL: 'redis://:s3cret@r:6379',
      DATABASE_URL: 'postgresql://u@db/x',
    });
    expect(ok.server.WORKERS).toBeGreaterThanOrEqual(1);
    expect(loadEnv({}).server.WORKERS).toBe(1);
    const badRedis = problemsOf({ REDIS_URL: 'http://user:s3cret@r:6379' });
    expect(badRedis).toContain('expected redis://');
    expect(badRedis).not.toContain('s3cret');
  });
});
