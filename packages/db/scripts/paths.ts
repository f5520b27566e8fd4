import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
export const sqliteSchemaPath = resolve(repoRoot, 'prisma/schema.prisma');
export const postgresSchemaPath = resolve(repoRoot, 'prisma/postgresql/schema.prisma');
export const migrationsRoot = resolve(repoRoot, 'prisma/migrations');
