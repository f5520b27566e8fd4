import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { derivePostgresSchema } from '../src/derive-schema';
import { postgresSchemaPath, sqliteSchemaPath } from './paths';

// `prisma generate` needs no schema engine, but the CLI looks for one; any existing file satisfies it.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
process.env.PRISMA_HIDE_UPDATE_MESSAGE = '1';

mkdirSync(dirname(postgresSchemaPath), { recursive: true });
writeFileSync(postgresSchemaPath, derivePostgresSchema(readFileSync(sqliteSchemaPath, 'utf8')));

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
for (const schema of [sqliteSchemaPath, postgresSchemaPath]) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { stdio: 'inherit', env: process.env });
}
