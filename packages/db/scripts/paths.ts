import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(packageRoot, '../..');
export const sqliteSchemaPath = resolve(repoRoot, 'prisma/schema.prisma');
/** Derived from the SQLite schema by `pnpm db:generate`; git-ignored. */
export const postgresSchemaPath = resolve(repoRoot, 'prisma/postgresql/schema.prisma');
export const migrationsRoot = resolve(repoRoot, 'prisma/migrations');
