import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATABASE_URL, describeDatabaseUrl } from '../src/database-url';
import { migrateDatabase } from '../src/migrate';
import { repoRoot } from './paths';

// pnpm db:migrate runs here in packages/db; resolve the default SQLite file from the repository root like the server does.
if (existsSync(join(repoRoot, '.env'))) process.loadEnvFile(join(repoRoot, '.env'));
process.chdir(repoRoot);
const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
const result = await migrateDatabase(url);
console.log(`${describeDatabaseUrl(url)}: applied ${result.applied.length} migration(s)${result.applied.length ? ` (${result.applied.join(', ')})` : ''}, ${result.alreadyApplied} already applied.`);
