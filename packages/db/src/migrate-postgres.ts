import { randomUUID } from 'node:crypto';

import pg from 'pg';

import { errorText, planMigrations, type AppliedMigration } from './migration-plan';
import type { MigrationFile } from './migrations-dir';

/** A database that does not answer fails the attempt instead of hanging it (the caller retries). */
export const CONNECT_TIMEOUT_MS = 5000;

// The key `prisma migrate` itself locks, so this migrator and `prisma migrate deploy` also exclude each other.
const ADVISORY_LOCK_KEY = 72707369;

// Prisma's own bookkeeping table, column for column, so `prisma migrate status` reads what ran here.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Applies pending migrations to one PostgreSQL schema while holding an advisory lock, inside one
 * transaction (PostgreSQL DDL is transactional), so concurrent starts serialize and a failure
 * leaves nothing behind.
 */
export async function migratePostgres(
  connectionString: string,
  schema: string,
  files: MigrationFile[],
): Promise<{ applied: MigrationFile[]; known: string[] }> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    try {
      await client.query('BEGIN');
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
        // Unqualified names in the migrations (as Prisma writes them) land in the URL's schema.
        await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
        await client.query(CREATE_TABLE);
        const rows = (
          await client.query<AppliedMigration>(
            'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
          )
        ).rows;
        const todo = planMigrations(files, rows);
        for (const migration of todo) {
          const startedAt = new Date();
          try {
            // No parameters: the simple query protocol runs the whole multi-statement file.
            await client.query(migration.sql);
          } catch (error) {
            throw new Error(
              `Migration ${migration.name} failed, so this run changed nothing. ${errorText(error)}`,
              { cause: error },
            );
          }
          await client.query(
            'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)',
            [randomUUID(), migration.checksum, migration.name, startedAt],
          );
        }
        await client.query('COMMIT');
        return { applied: todo, known: rows.map((row) => row.migration_name) };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await client
        .query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY])
        .catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
