import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

import { authorMigrations, migrationName, SNAPSHOT_FILE } from './author-migration';
import { createDb } from './create-db';
import { parseDatabaseUrl } from './database-url';
import { derivePostgresSchema } from './derive-schema';
import { migrateDatabase } from './migrate';
import { findMigrationsDir } from './migrations-dir';
import { offlinePostgresAdapterFactory } from './offline-postgres-adapter';
import {
  diffDatabaseToDatamodel,
  diffDatamodels,
  isEmptyMigration,
  openSchemaEngine,
} from './schema-engine';
import { postgresAvailable, rawQuery, testDatabase } from './test-databases';

const repoSchemaPath = join(findMigrationsDir(), '..', 'schema.prisma');
const pgUp = await postgresAvailable();
const scratch = mkdtempSync(join(tmpdir(), 'mlb-author-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A private prisma/ folder: schema.prisma plus a copy of the committed migrations. */
function workspace(): { schemaPath: string; migrationsRoot: string } {
  const dir = mkdtempSync(join(scratch, 'prisma-'));
  cpSync(findMigrationsDir(), join(dir, 'migrations'), { recursive: true });
  cpSync(repoSchemaPath, join(dir, 'schema.prisma'));
  return { schemaPath: join(dir, 'schema.prisma'), migrationsRoot: join(dir, 'migrations') };
}

const listing = (root: string) =>
  ['sqlite', 'postgresql']
    .flatMap((p) => readdirSync(join(root, p)).map((f) => `${p}/${f}`))
    .sort();

describe('the committed migrations', () => {
  it('produce exactly prisma/schema.prisma on SQLite (otherwise run pnpm db:migration:new)', async () => {
    const target = testDatabase('sqlite');
    try {
      await migrateDatabase(target.url);
      const schema = readFileSync(repoSchemaPath, 'utf8');
      const file = (parseDatabaseUrl(target.url) as { file: string }).file;
      const engine = await openSchemaEngine(
        { path: 'schema.prisma', content: schema },
        new PrismaBetterSqlite3({ url: file }),
      );
      const drift = await diffDatabaseToDatamodel(engine, schema);
      engine.free();
      expect(
        isEmptyMigration(drift),
        `prisma/schema.prisma differs from what the migrations build; run pnpm db:migration:new <name>:\n${drift}`,
      ).toBe(true);
    } finally {
      await target.drop();
    }
  });

  it('have snapshots matching the current schema for both providers', async () => {
    const schema = readFileSync(repoSchemaPath, 'utf8');
    for (const [provider, current, factory] of [
      ['sqlite', schema, () => new PrismaBetterSqlite3({ url: ':memory:' })],
      ['postgresql', derivePostgresSchema(schema), () => offlinePostgresAdapterFactory()],
    ] as const) {
      const snapshot = readFileSync(join(findMigrationsDir(), provider, SNAPSHOT_FILE), 'utf8');
      const engine = await openSchemaEngine({ path: 'schema.prisma', content: current }, factory());
      const drift = await diffDatamodels(engine, snapshot, current);
      engine.free();
      expect(
        isEmptyMigration(drift),
        `${provider}: schema changed since the last migration; run pnpm db:migration:new <name>:\n${drift}`,
      ).toBe(true);
    }
  });
});

describe('authorMigrations (pnpm db:migration:new)', () => {
  it('writes nothing when the schema has not changed', async () => {
    const { schemaPath, migrationsRoot } = workspace();
    const before = listing(migrationsRoot);
    const results = await authorMigrations({ name: 'noop', schemaPath, migrationsRoot });
    expect(results.map((r) => [r.provider, r.folder])).toEqual([
      ['sqlite', null],
      ['postgresql', null],
    ]);
    expect(listing(migrationsRoot)).toEqual(before);
  });

  it('writes the next migration for both providers offline, which then applies without losing data', async () => {
    const { schemaPath, migrationsRoot } = workspace();
    const databases = [testDatabase('sqlite'), ...(pgUp ? [testDatabase('postgresql')] : [])];
    try {
      // Existing data, created with the committed migrations.
      const seeded: string[] = [];
      for (const target of databases) {
        const db = await createDb({ url: target.url, migrationsDir: migrationsRoot });
        const session = await db.sessions.create({ title: 'before' });
        const pane = await db.panes.create({
          sessionId: session.id,
          providerId: 'demo',
          modelId: 'm',
          kind: 'chat',
          params: {},
          systemPrompt: null,
        });
        seeded.push(
          (
            await db.messages.append({
              paneId: pane.id,
              broadcastId: null,
              role: 'user',
              content: 'keep me',
              status: 'complete',
            })
          ).id,
        );
        await db.close();
      }

      // Add a column and change a default: the second makes SQLite rebuild the Pane table.
      const schema = readFileSync(schemaPath, 'utf8');
      const changed = schema
        .replace(/(model Session \{\n)/, '$1  color      String?\n')
        .replace(
          'kind         String    @default("chat")',
          'kind         String    @default("conversation")',
        );
      expect(changed).not.toBe(schema);
      writeFileSync(schemaPath, changed);

      const results = await authorMigrations({
        name: 'Add session color!',
        schemaPath,
        migrationsRoot,
        now: new Date('2000-01-01T00:00:00Z'),
      });
      const [sqlite, postgres] = results;
      expect(sqlite!.folder).toMatch(/^\d{14}_add_session_color$/);
      expect(postgres!.folder).toBe(sqlite!.folder);
      // A clock behind the newest migration still sorts after it.
      const names = readdirSync(join(migrationsRoot, 'sqlite'))
        .filter((n) => /^\d/.test(n))
        .sort();
      expect(names.at(-1)).toBe(sqlite!.folder);
      expect(sqlite!.sql).toMatch(/ALTER TABLE "Session" ADD COLUMN "color" TEXT/);
      expect(sqlite!.sql).toMatch(/CREATE TABLE "new_Pane"/);
      expect(postgres!.sql).toMatch(/ALTER TABLE "Session" ADD COLUMN\s+"color" TEXT/);
      expect(postgres!.sql).toMatch(/ALTER COLUMN "kind" SET DEFAULT 'conversation'/);
      expect(
        readFileSync(join(migrationsRoot, 'sqlite', sqlite!.folder!, 'migration.sql'), 'utf8'),
      ).toBe(sqlite!.sql);
      expect(readFileSync(join(migrationsRoot, 'sqlite', SNAPSHOT_FILE), 'utf8')).toBe(changed);
      expect(readFileSync(join(migrationsRoot, 'postgresql', SNAPSHOT_FILE), 'utf8')).toBe(
        derivePostgresSchema(changed),
      );

      for (const [i, target] of databases.entries()) {
        expect(
          (await migrateDatabase(target.url, { migrationsDir: migrationsRoot })).applied,
        ).toEqual([sqlite!.folder]);
        const db = await createDb({ url: target.url, migrationsDir: migrationsRoot });
        expect((await db.messages.get(seeded[i]!))!.content).toBe('keep me');
        await db.close();
        const columns = await rawQuery<{ color: string | null }>(
          target.url,
          'SELECT "color" FROM "Session"',
        );
        expect(columns).toEqual([{ color: null }]);
      }

      // The snapshot moved on, so the same schema needs no further migration.
      expect(
        (await authorMigrations({ name: 'again', schemaPath, migrationsRoot })).every(
          (r) => r.folder === null,
        ),
      ).toBe(true);
    } finally {
      for (const target of databases) await target.drop();
    }
  });

  it('needs a usable name', async () => {
    const { schemaPath, migrationsRoot } = workspace();
    expect(migrationName('  Add: pane colour ')).toBe('add_pane_colour');
    await expect(authorMigrations({ name: '!!!', schemaPath, migrationsRoot })).rejects.toThrow(
      /needs a name/,
    );
  });
});
