import { relative } from 'node:path';

import { authorMigrations } from '../src/author-migration';
import { migrationsRoot, repoRoot, sqliteSchemaPath } from './paths';

/** pnpm db:migration:new <name>: see src/author-migration.ts and the README. */
const name = process.argv.slice(2).join(' ');
if (!name.trim()) {
  console.error(
    'Usage: pnpm db:migration:new <name>   (e.g. pnpm db:migration:new add_pane_color)',
  );
  process.exit(2);
}
const results = await authorMigrations({ name, schemaPath: sqliteSchemaPath, migrationsRoot });
for (const result of results) {
  if (result.folder === null)
    console.log(`${result.provider}: no schema changes since the last migration; nothing written.`);
  else
    console.log(
      `${result.provider}: wrote ${relative(repoRoot, `${migrationsRoot}/${result.provider}/${result.folder}/migration.sql`)}\n${result.sql.trim()}\n`,
    );
}
if (results.some((r) => r.folder !== null))
  console.log('Review the SQL, then apply it with pnpm db:migrate (or just start the server).');
// The WebAssembly engine keeps handles open; nothing else is pending.
process.exit(0);
