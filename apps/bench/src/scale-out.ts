import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import pg from 'pg';

/** Where WORKERS=N keeps its state on this machine (see README: several instances). */
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ScaleOutStore {
  /** DATABASE_URL (a fresh schema), REDIS_URL and a REDIS_PREFIX of this run's own. */
  env: Record<string, string>;
  /** Drops the schema and deletes this run's Redis keys. */
  drop(): Promise<void>;
}

async function postgresProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_URL} is unreachable (${String(error)}); set BENCH_POSTGRES_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redisClient(): Redis {
  return new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
}

async function redisProblem(): Promise<string | null> {
  const redis = redisClient();
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return `Redis at ${REDIS_URL} is unreachable (${String(error)}); set BENCH_REDIS_URL`;
  } finally {
    redis.disconnect();
  }
}

/**
 * PostgreSQL and Redis for the WORKERS row, or why that row cannot run here (the rest of the
 * benchmark runs either way).
 */
export async function prepareScaleOutStore(): Promise<ScaleOutStore | { skipped: string }> {
  const problems = (await Promise.all([postgresProblem(), redisProblem()])).filter(
    (p): p is string => p !== null,
  );
  if (problems.length > 0) return { skipped: problems.join('; ') };
  const id = randomBytes(4).toString('hex');
  const schema = `bench_${id}`;
  const databaseUrl = new URL(POSTGRES_URL);
  databaseUrl.searchParams.set('schema', schema);
  const prefix = `bench:${id}:`;
  return {
    env: { DATABASE_URL: databaseUrl.toString(), REDIS_URL, REDIS_PREFIX: prefix },
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
      const redis = redisClient();
      try {
        await redis.connect();
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
      } finally {
        redis.disconnect();
      }
    },
  };
}
