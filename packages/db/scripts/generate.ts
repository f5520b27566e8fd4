import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { derivePostgresSchema } from '../src/derive-schema';
import { packageRoot, postgresSchemaPath, sqliteSchemaPath } from './paths';

// `prisma generate` never runs the schema engine, but the CLI insists on locating its binary (and
// would download one); any existing file satisfies that check.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
process.env.PRISMA_HIDE_UPDATE_MESSAGE = '1';

mkdirSync(dirname(postgresSchemaPath), { recursive: true });
const derived = derivePostgresSchema(readFileSync(sqliteSchemaPath, 'utf8'));
// Rewrite only on change so the file's mtime (and turbo/IDE watchers) stay quiet.
const current = (() => {
  try {
    return readFileSync(postgresSchemaPath, 'utf8');
  } catch {
    return null;
  }
})();
if (current !== derived) writeFileSync(postgresSchemaPath, derived);

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
for (const schema of [sqliteSchemaPath, postgresSchemaPath]) {
  execFileSync(
    process.execPath,
    [prismaCli, 'generate', '--config', join(packageRoot, 'prisma.config.ts'), '--schema', schema],
    {
      cwd: packageRoot,
      stdio: 'inherit',
      env: process.env,
    },
  );
}
