import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Provider } from './db';

export interface MigrationFile {
  name: string;
  sql: string;
  /** What Prisma stores in _prisma_migrations.checksum: sha256 of migration.sql, hex. */
  checksum: string;
}

const isMigrationsDir = (dir: string) =>
  existsSync(join(dir, 'sqlite')) || existsSync(join(dir, 'postgresql'));

/**
 * The repository's prisma/migrations folder: `MIGRATIONS_DIR` if set, else the first one found
 * walking up from the working directory, then from this module (built, packages/db/dist). A
 * function rather than a constant so builds and tests can point elsewhere.
 */
export function findMigrationsDir(
  override: string | undefined = process.env.MIGRATIONS_DIR,
): string {
  if (override) {
    const dir = resolve(override);
    if (!isMigrationsDir(dir))
      throw new Error(
        `MIGRATIONS_DIR=${override} has no sqlite/ or postgresql/ folder of migrations.`,
      );
    return dir;
  }
  for (const start of [process.cwd(), dirname(fileURLToPath(import.meta.url))]) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      const candidate = join(dir, 'prisma', 'migrations');
      if (isMigrationsDir(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(
    'Could not find prisma/migrations above the working directory or the @mlb/db code. Run from the repository, or set MIGRATIONS_DIR to that folder.',
  );
}

/** One provider's migrations in the order Prisma applies them (folder name). */
export function readMigrations(root: string, provider: Provider): MigrationFile[] {
  const dir = join(root, provider);
  if (!existsSync(dir)) return [];
  const lock = join(dir, 'migration_lock.toml');
  if (existsSync(lock)) {
    const locked = /provider\s*=\s*"([^"]+)"/.exec(readFileSync(lock, 'utf8'))?.[1];
    if (locked && locked !== provider)
      throw new Error(
        `${lock} says provider "${locked}", but the folder holds ${provider} migrations.`,
      );
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}
