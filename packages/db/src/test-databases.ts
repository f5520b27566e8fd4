import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';

import { parseDatabaseUrl } from './database-url';
import type { Provider } from './db';

/** Test support only (not exported from the package). */
const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * Whether the PostgreSQL suites can run. Outside CI an unreachable server skips them with a note;
 * in CI (CI=true) it throws, failing the run, so a missing database can never pass silently.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(
        `CI=true requires PostgreSQL, but ${TEST_POSTGRES_URL} is unreachable: ${String(error)}`,
        { cause: error },
      );
    }
    console.warn(
      `[@mlb/db] Skipping the PostgreSQL suites: ${TEST_POSTGRES_URL} is unreachable (${String(error)}). ` +
        'Start PostgreSQL or set TEST_POSTGRES_URL to run them; with CI=true they fail instead.',
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Every provider with whether its suite runs here. */
export async function providersUnderTest(): Promise<{ provider: Provider; enabled: boolean }[]> {
  return [
    { provider: 'sqlite', enabled: true },
    { provider: 'postgresql', enabled: await postgresAvailable() },
  ];
}

export interface TestDatabase {
  url: string;
  /** Removes the SQLite directory or drops the PostgreSQL schema. */
  drop(): Promise<void>;
}

/** A fresh, empty database: a SQLite file in a temp directory, or a new PostgreSQL schema. */
export function testDatabase(provider: Provider): TestDatabase {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mlb-db-'));
    return {
      url: `file:${join(dir, 'nested', 'test.db')}`,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs one query against a test database outside Prisma, to set up or inspect raw state. */
export async function rawQuery<T>(url: string, sql: string): Promise<T[]> {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') {
    const db = new Database(target.file, { timeout: 5000 });
    try {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all() as T[];
      statement.run();
      return [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${target.schema}"`);
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function rawExec(url: string, sql: string): Promise<void> {
  await rawQuery(url, sql);
}
