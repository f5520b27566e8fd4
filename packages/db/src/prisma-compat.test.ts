import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';

import { parseDatabaseUrl } from './database-url';
import { derivePostgresSchema } from './derive-schema';
import { migrateDatabase } from './migrate';
import { findMigrationsDir } from './migrations-dir';
import { migrationList, openSchemaEngine } from './schema-engine';
import { providersUnderTest, testDatabase } from './test-databases';

const providers = await providersUnderTest();
const scratch = mkdtempSync(join(tmpdir(), 'mlb-compat-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const filters = { externalTables: [], externalEnums: [] };

/**
 * Prisma's own engine reads the bookkeeping this package writes: what `prisma migrate status`
 * reports and what `prisma migrate deploy` would still apply.
 */
for (const { provider, enabled } of providers) {
  describe.skipIf(!enabled)(`Prisma Migrate on a database migrated here (${provider})`, () => {
    it('sees the history in sync, nothing to deploy, and an edited migration as edited', async () => {
      const root = mkdtempSync(join(scratch, 'migrations-'));
      cpSync(findMigrationsDir(), root, { recursive: true });
      const target = testDatabase(provider);
      const parsed = parseDatabaseUrl(target.url);
      const schemaText = readFileSync(join(findMigrationsDir(), '..', 'schema.prisma'), 'utf8');
      const schema = provider === 'sqlite' ? schemaText : derivePostgresSchema(schemaText);
      // The Prisma CLI turns ?schema= into the connection's search_path; the engine's own queries rely on it.
      const factory =
        parsed.provider === 'sqlite'
          ? new PrismaBetterSqlite3({ url: parsed.file })
          : new PrismaPg(
              {
                connectionString: parsed.connectionString,
                options: `-c search_path=${parsed.schema}`,
              },
              { schema: parsed.schema },
            );
      try {
        await migrateDatabase(target.url, { migrationsDir: root });
        const engine = await openSchemaEngine({ path: 'schema.prisma', content: schema }, factory);
        try {
          const dir = join(root, provider);
          const status = await engine.diagnoseMigrationHistory({
            migrationsList: migrationList(dir),
            optInToShadowDatabase: false,
            filters,
          });
          expect(status).toMatchObject({
            history: null,
            failedMigrationNames: [],
            editedMigrationNames: [],
            hasMigrationsTable: true,
          });
          expect(
            await engine.applyMigrations({ migrationsList: migrationList(dir), filters }),
          ).toEqual({ appliedMigrationNames: [] });

          const [name] = readdirSync(dir).filter((n) => /^\d/.test(n));
          appendFileSync(join(dir, name!, 'migration.sql'), '\n-- edited\n');
          const edited = await engine.diagnoseMigrationHistory({
            migrationsList: migrationList(dir),
            optInToShadowDatabase: false,
            filters,
          });
          expect(edited.editedMigrationNames).toEqual([name]);
        } finally {
          engine.free();
        }
      } finally {
        await target.drop();
      }
    });
  });
}
