import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Whether the PostgreSQL suite can run; in CI it must (an unreachable server fails the run). */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI but ${TEST_POSTGRES_URL} is unreachable: ${String(error)}`, { cause: error });
    console.warn(`Skipping the PostgreSQL suite: ${TEST_POSTGRES_URL} is unreachable. Start PostgreSQL or set TEST_POSTGRES_URL to run it.`);
    return false;
  }
}

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A fresh SQLite file or PostgreSQL schema per suite, so runs never collide. */
export async function testDatabase(provider: 'sqlite' | 'postgresql'): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'broadcast-db-'));
    return { url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
