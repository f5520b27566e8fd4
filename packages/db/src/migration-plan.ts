import type { MigrationFile } from './migrations-dir';

/** A row of Prisma's _prisma_migrations table, as far as planning needs it. */
export interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

export interface MigrateResult {
  /** Names applied by this run, in order. */
  applied: string[];
  /** How many were already applied before this run. */
  alreadyApplied: number;
}

/**
 * What still has to run. Refuses to go on when the database disagrees with the files: an applied
 * migration that was edited since, or one Prisma recorded as started but never finished.
 */
export function planMigrations(files: MigrationFile[], rows: AppliedMigration[]): MigrationFile[] {
  const live = rows.filter(
    (row) => row.rolled_back_at === null || row.rolled_back_at === undefined,
  );
  const unfinished = live.find((row) => row.finished_at === null || row.finished_at === undefined);
  if (unfinished) {
    throw new Error(
      `Migration ${unfinished.migration_name} is recorded as started but not finished (a failed \`prisma migrate deploy\`?). ` +
        `Repair the database, then mark it with \`prisma migrate resolve --applied ${unfinished.migration_name}\` or \`--rolled-back\`.`,
    );
  }
  const applied = new Map(live.map((row) => [row.migration_name, row.checksum]));
  for (const file of files) {
    const checksum = applied.get(file.name);
    if (checksum !== undefined && checksum !== file.checksum) {
      throw new Error(
        `Migration ${file.name} was changed after it was applied to this database (its checksum differs). ` +
          `Restore the original prisma/migrations/*/${file.name}/migration.sql (e.g. git checkout it) and put the change in a new migration: pnpm db:migration:new <name>.`,
      );
    }
  }
  return files.filter((file) => !applied.has(file.name));
}

export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
