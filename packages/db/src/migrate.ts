import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { parseDatabaseUrl } from './database-url';
import { findMigrationsDir, readMigrations, type MigrationFile } from './migrations-dir';

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
}

// Prisma's own bookkeeping table, so `prisma migrate status` agrees with what ran here.
const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
  "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

/** Which migrations still have to run; refuses when an applied one was edited afterwards. */
function pending(all: MigrationFile[], applied: AppliedRow[]): MigrationFile[] {
  const done = new Map(applied.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
  for (const migration of all) {
    const checksum = done.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was changed after it was applied to this database (checksum differs). ` +
          'Restore its original migration.sql and put the change in a new migration (pnpm db:migration:new <name>).',
      );
    }
  }
  return all.filter((m) => !done.has(m.name));
}

/**
 * Applies pending migrations, offline. Safe to run at every start and from several processes at
 * once: SQLite takes the write lock (BEGIN IMMEDIATE) for the whole check-and-apply, PostgreSQL an
 * advisory lock; each run's changes commit together or not at all.
 */
export async function migrateDatabase(url: string, options: { migrationsDir?: string } = {}): Promise<MigrateResult> {
  const target = parseDatabaseUrl(url);
  const root = options.migrationsDir ?? findMigrationsDir();
  const all = readMigrations(root, target.provider);
  if (all.length === 0) throw new Error(`No ${target.provider} migrations in ${root}/${target.provider}.`);

  if (target.provider === 'sqlite') {
    const file = resolve(target.file);
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 15000');
      db.pragma('journal_mode = WAL');
      db.exec('BEGIN IMMEDIATE');
      try {
        db.exec(SQLITE_TABLE);
        const rows = db.prepare('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL').all() as AppliedRow[];
        const todo = pending(all, rows);
        for (const migration of todo) {
          db.exec(migration.sql);
          db.prepare('INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)').run(
            randomUUID(),
            migration.checksum,
            migration.name,
          );
        }
        db.exec('COMMIT');
        return { applied: todo.map((m) => m.name), alreadyApplied: all.length - todo.length };
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      db.close();
    }
  }

  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  const schema = `"${target.schema}"`;
  try {
    await client.query('SELECT pg_advisory_lock(72707369)');
    try {
      await client.query('BEGIN');
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`SET LOCAL search_path TO ${schema}`);
      await client.query(PG_TABLE);
      const rows = (await client.query<AppliedRow>('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL')).rows;
      const todo = pending(all, rows);
      for (const migration of todo) {
        await client.query(migration.sql);
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)', [
          randomUUID(),
          migration.checksum,
          migration.name,
        ]);
      }
      await client.query('COMMIT');
      return { applied: todo.map((m) => m.name), alreadyApplied: all.length - todo.length };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.query('SELECT pg_advisory_unlock(72707369)').catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
