import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import Database from 'better-sqlite3';

import { errorText, planMigrations, type AppliedMigration } from './migration-plan';
import type { MigrationFile } from './migrations-dir';

// Prisma's own bookkeeping table, column for column, so `prisma migrate status` reads what ran here.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Applies pending migrations to a SQLite file under one write lock (BEGIN IMMEDIATE), so a second
 * process waits and then finds nothing to do; everything commits together or not at all.
 */
function whileBusy<T>(fn: () => T, deadline = Date.now() + 30_000): T {
  for (;;) {
    try {
      return fn();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') || Date.now() > deadline)
        throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 + Math.random() * 30);
    }
  }
}

export function migrateSqlite(
  path: string,
  files: MigrationFile[],
): { applied: MigrationFile[]; known: string[] } {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 30_000 });
  try {
    // Switching a new file to WAL needs a moment of exclusive access and ignores the busy timeout,
    // so a second process starting at the same instant retries instead of failing. WAL persists in
    // the file, so later opens (the app's included) find it already set.
    whileBusy(() => db.pragma('journal_mode = WAL'));
    // Prisma rebuilds a table to alter it (create new, copy, DROP old, rename). With foreign keys on,
    // that DROP would cascade-delete every child row; PRAGMA foreign_keys is ignored inside a
    // transaction, so it goes off before BEGIN and integrity is checked before COMMIT instead.
    db.pragma('foreign_keys = OFF');
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(CREATE_TABLE);
      const rows = db
        .prepare(
          'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
        )
        .all() as AppliedMigration[];
      const todo = planMigrations(files, rows);
      const record = db.prepare(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
      );
      for (const migration of todo) {
        const startedAt = new Date().toISOString();
        try {
          db.exec(migration.sql);
        } catch (error) {
          throw new Error(
            `Migration ${migration.name} failed, so this run changed nothing. ${errorText(error)}`,
            { cause: error },
          );
        }
        record.run(
          randomUUID(),
          migration.checksum,
          new Date().toISOString(),
          migration.name,
          startedAt,
        );
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0)
        throw new Error(
          `Migrations ${todo.map((m) => m.name).join(', ')} would leave ${broken.length} row(s) with a broken foreign key; nothing was applied.`,
        );
      db.exec('COMMIT');
      return { applied: todo, known: rows.map((row) => row.migration_name) };
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.close();
  }
}
