import { describeDatabaseUrl, parseDatabaseUrl } from './database-url';
import type { DbLogger } from './db';
import { migratePostgres } from './migrate-postgres';
import { migrateSqlite } from './migrate-sqlite';
import type { MigrateResult } from './migration-plan';
import { findMigrationsDir, readMigrations } from './migrations-dir';

export type { MigrateResult } from './migration-plan';

export interface MigrateOptions {
  /** The prisma/migrations folder (holding sqlite/ and postgresql/); default findMigrationsDir(). */
  migrationsDir?: string;
  logger?: DbLogger;
}

/**
 * Applies the pending migrations of the URL's provider. Offline, idempotent (a second run applies
 * nothing) and safe when several processes start at once; a failed run changes nothing.
 */
export async function migrateDatabase(
  url: string,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const target = parseDatabaseUrl(url);
  const root = options.migrationsDir ?? findMigrationsDir();
  const files = readMigrations(root, target.provider);
  if (files.length === 0)
    throw new Error(
      `No ${target.provider} migrations in ${root}/${target.provider}; is MIGRATIONS_DIR right?`,
    );

  const outcome =
    target.provider === 'sqlite'
      ? migrateSqlite(target.file, files)
      : await migratePostgres(target.connectionString, target.schema, files);

  const names = new Set(files.map((file) => file.name));
  const unknown = outcome.known.filter((name) => !names.has(name));
  if (unknown.length > 0) {
    options.logger?.warn(
      { database: describeDatabaseUrl(url), unknown },
      'database has migrations this build does not know (a newer version ran against it?)',
    );
  }
  const applied = outcome.applied.map((file) => file.name);
  if (applied.length > 0)
    options.logger?.info(
      { database: describeDatabaseUrl(url), applied },
      'database migrations applied',
    );
  return { applied, alreadyApplied: files.length - applied.length };
}
