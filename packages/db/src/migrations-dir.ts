import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** prisma/migrations: MIGRATIONS_DIR, else found walking up from the working directory or this file. */
export function findMigrationsDir(override = process.env.MIGRATIONS_DIR): string {
  if (override) return resolve(override);
  const starts = [process.cwd(), dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = join(dir, 'prisma', 'migrations');
      if (existsSync(candidate)) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('Could not find prisma/migrations. Start the server from the repository, or set MIGRATIONS_DIR to that folder.');
}

/** The provider's migrations in order, each with Prisma's checksum (sha256 of the SQL). */
export function readMigrations(root: string, provider: 'sqlite' | 'postgresql'): MigrationFile[] {
  const dir = join(root, provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}
