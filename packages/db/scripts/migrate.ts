import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_DATABASE_URL, describeDatabaseUrl } from '../src/database-url';
import { migrateDatabase } from '../src/migrate';

// pnpm runs this inside packages/db; INIT_CWD is where the user typed the command (the repository
// root for `pnpm db:migrate`), so relative paths and .env mean what they mean to the server started there.
const cwd = process.env.INIT_CWD ?? process.cwd();
process.chdir(cwd);
if (existsSync(join(cwd, '.env'))) process.loadEnvFile(join(cwd, '.env'));

const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
try {
  const result = await migrateDatabase(url);
  const applied = result.applied.length
    ? `applied ${result.applied.join(', ')}`
    : 'nothing to apply';
  console.log(
    `${describeDatabaseUrl(url)}: ${applied} (${result.alreadyApplied} already applied).`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
