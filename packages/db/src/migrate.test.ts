import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { createDb } from './create-db';
import { migrateDatabase } from './migrate';
import type { MigrateResult } from './migration-plan';
import { findMigrationsDir, readMigrations } from './migrations-dir';
import {
  providersUnderTest,
  rawExec,
  rawQuery,
  testDatabase,
  type TestDatabase,
} from './test-databases';

const run = promisify(execFile);
const tsx = join(import.meta.dirname, '../node_modules/.bin/tsx');
const providers = await providersUnderTest();
const scratch = mkdtempSync(join(tmpdir(), 'mlb-migrate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A private copy of prisma/migrations that a test may add to or edit. */
function copyOfMigrations(): string {
  const copy = mkdtempSync(join(scratch, 'migrations-'));
  cpSync(findMigrationsDir(), copy, { recursive: true });
  return copy;
}

function addMigration(root: string, provider: string, name: string, sql: string): void {
  mkdirSync(join(root, provider, name), { recursive: true });
  writeFileSync(join(root, provider, name, 'migration.sql'), sql);
}

const tableNames = async (url: string, provider: string) =>
  (
    await rawQuery<{ name: string }>(
      url,
      provider === 'sqlite'
        ? `SELECT name FROM sqlite_master WHERE type = 'table'`
        : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
    )
  ).map((row) => row.name);

const committed = readMigrations(findMigrationsDir(), 'sqlite').length;

for (const { provider, enabled } of providers) {
  describe.skipIf(!enabled)(`migrations on ${provider}`, () => {
    const databases: TestDatabase[] = [];
    const fresh = () => {
      const db = testDatabase(provider);
      databases.push(db);
      return db;
    };
    afterAll(async () => {
      for (const db of databases) await db.drop();
    });

    it('apply once into Prisma-compatible bookkeeping, then are a no-op', async () => {
      const target = fresh();
      const first = await migrateDatabase(target.url);
      expect(first).toEqual({
        applied: readMigrations(findMigrationsDir(), provider).map((m) => m.name),
        alreadyApplied: 0,
      });
      expect(await migrateDatabase(target.url)).toEqual({
        applied: [],
        alreadyApplied: first.applied.length,
      });
      const rows = await rawQuery<{
        migration_name: string;
        checksum: string;
        finished_at: unknown;
        applied_steps_count: number | bigint;
        rolled_back_at: unknown;
      }>(
        target.url,
        'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations"',
      );
      const files = readMigrations(findMigrationsDir(), provider);
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(
        files.map((f) => [f.name, f.checksum]),
      );
      expect(
        rows.every(
          (r) =>
            r.finished_at !== null &&
            r.rolled_back_at === null &&
            Number(r.applied_steps_count) === 1,
        ),
      ).toBe(true);
      expect(await tableNames(target.url, provider)).toEqual(
        expect.arrayContaining([
          'Session',
          'Pane',
          'Broadcast',
          'Message',
          'AnswerMetrics',
          '_prisma_migrations',
        ]),
      );
    });

    it('are applied exactly once when two processes start at the same moment', async () => {
      const target = fresh();
      const script = join(scratch, `race-${provider}.mts`);
      // Both children wait for the same instant, after their (slow) start-up, to call migrateDatabase together.
      writeFileSync(
        script,
        `import { migrateDatabase } from ${JSON.stringify(join(import.meta.dirname, 'migrate.ts'))};\n` +
          `const at = Number(process.argv[2]);\nawait new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));\n` +
          `console.log(JSON.stringify(await migrateDatabase(${JSON.stringify(target.url)})));\n`,
      );
      const at = Date.now() + 4000;
      const outputs = await Promise.all(
        [1, 2].map(() => run(tsx, [script, String(at)], { cwd: import.meta.dirname })),
      );
      const results = outputs.map(
        (o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!) as MigrateResult,
      );
      const counts = results.map((r) => r.applied.length).sort();
      expect(counts).toEqual([0, committed]);
      const rows = await rawQuery<{ migration_name: string }>(
        target.url,
        'SELECT migration_name FROM "_prisma_migrations"',
      );
      expect(rows).toHaveLength(committed);
      const db = await createDb({ url: target.url });
      expect(await db.sessions.count()).toBe(0);
      await db.close();
    });

    it('are applied exactly once when clients in one process race', async () => {
      const target = fresh();
      const results = await Promise.all([
        migrateDatabase(target.url),
        migrateDatabase(target.url),
        migrateDatabase(target.url),
      ]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, committed]);
    });

    it('refuse an applied migration that was edited, naming it and saying what to do', async () => {
      const root = copyOfMigrations();
      const target = fresh();
      await migrateDatabase(target.url, { migrationsDir: root });
      const [name] = readdirSync(join(root, provider)).filter((n) => /^\d/.test(n));
      writeFileSync(
        join(root, provider, name!, 'migration.sql'),
        '\n-- an innocent-looking edit\n',
        { flag: 'a' },
      );
      await expect(migrateDatabase(target.url, { migrationsDir: root })).rejects.toThrow(
        new RegExp(`Migration ${name!} was changed after it was applied.*pnpm db:migration:new`),
      );
      await expect(createDb({ url: target.url, migrationsDir: root })).rejects.toThrow(name!);
    });

    it('leave nothing behind when a migration fails, then apply once it is fixed', async () => {
      const root = copyOfMigrations();
      addMigration(
        root,
        provider,
        '29990101000000_broken',
        'CREATE TABLE "Extra" ("id" TEXT);\nINSERT INTO "NoSuchTable" VALUES (1);\n',
      );
      const target = fresh();
      await expect(migrateDatabase(target.url, { migrationsDir: root })).rejects.toThrow(
        /Migration 29990101000000_broken failed, so this run changed nothing/,
      );
      // The whole run rolled back: not even the earlier migrations or the bookkeeping table remain.
      expect(await tableNames(target.url, provider)).toEqual([]);

      rmSync(join(root, provider, '29990101000000_broken'), { recursive: true });
      await migrateDatabase(target.url, { migrationsDir: root });
      const db = await createDb({ url: target.url, migrationsDir: root, migrate: false });
      const session = await db.sessions.create({ title: 'survives a failed migration' });
      await db.close();

      addMigration(
        root,
        provider,
        '29990101000000_broken',
        'CREATE TABLE "Extra" ("id" TEXT);\nDELETE FROM "Session";\nINSERT INTO "NoSuchTable" VALUES (1);\n',
      );
      await expect(migrateDatabase(target.url, { migrationsDir: root })).rejects.toThrow(
        /29990101000000_broken/,
      );
      expect(await tableNames(target.url, provider)).not.toContain('Extra');
      expect(await rawQuery(target.url, 'SELECT "id" FROM "Session"')).toEqual([
        { id: session.id },
      ]);

      writeFileSync(
        join(root, provider, '29990101000000_broken', 'migration.sql'),
        'CREATE TABLE "Extra" ("id" TEXT);\n',
      );
      expect((await migrateDatabase(target.url, { migrationsDir: root })).applied).toEqual([
        '29990101000000_broken',
      ]);
      expect(await tableNames(target.url, provider)).toContain('Extra');
    });

    it('refuse to continue past a migration Prisma left unfinished', async () => {
      const target = fresh();
      await migrateDatabase(target.url);
      await rawExec(
        target.url,
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('x', 'y', '29990101000000_half_done', ${provider === 'sqlite' ? "'2026-01-01T00:00:00.000Z'" : 'now()'}, 0)`,
      );
      await expect(migrateDatabase(target.url)).rejects.toThrow(
        /29990101000000_half_done is recorded as started but not finished.*prisma migrate resolve/,
      );
    });
  });
}

describe('migrations on sqlite, table rebuilds', () => {
  it('keep child rows when a parent table is rebuilt the way Prisma alters SQLite tables', async () => {
    const root = copyOfMigrations();
    const target = testDatabase('sqlite');
    try {
      const db = await createDb({ url: target.url, migrationsDir: root });
      const session = await db.sessions.create({ title: 'rebuild' });
      const pane = await db.panes.create({
        sessionId: session.id,
        providerId: 'demo',
        modelId: 'm',
        kind: 'chat',
        params: {},
        systemPrompt: null,
      });
      await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'user',
        content: 'do not cascade me',
        status: 'complete',
      });
      await db.close();
      // Prisma's redefinition pattern: with foreign keys enforced, DROP TABLE "Pane" would cascade to Message.
      addMigration(
        root,
        'sqlite',
        '29990101000000_rebuild_pane',
        `PRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\n` +
          `CREATE TABLE "new_Pane" ("id" TEXT NOT NULL PRIMARY KEY, "sessionId" TEXT NOT NULL, "providerId" TEXT NOT NULL, "modelId" TEXT NOT NULL, "kind" TEXT NOT NULL DEFAULT 'chat', "params" TEXT NOT NULL DEFAULT '{}', "systemPrompt" TEXT, "position" INTEGER NOT NULL, "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "Pane_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE);\n` +
          `INSERT INTO "new_Pane" SELECT * FROM "Pane";\nDROP TABLE "Pane";\nALTER TABLE "new_Pane" RENAME TO "Pane";\n` +
          `CREATE INDEX "Pane_sessionId_idx" ON "Pane"("sessionId");\nCREATE UNIQUE INDEX "Pane_sessionId_position_key" ON "Pane"("sessionId", "position");\n` +
          `PRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;\n`,
      );
      const reopened = await createDb({ url: target.url, migrationsDir: root });
      try {
        expect((await reopened.messages.thread(pane.id)).map((m) => m.content)).toEqual([
          'do not cascade me',
        ]);
        // Foreign keys are enforced again for the application afterwards.
        expect(await reopened.sessions.delete(session.id)).toBe(true);
        expect(await reopened.messages.thread(pane.id)).toEqual([]);
      } finally {
        await reopened.close();
      }
    } finally {
      await target.drop();
    }
  });

  it('refuse a run that would leave broken foreign keys', async () => {
    const root = copyOfMigrations();
    addMigration(
      root,
      'sqlite',
      '29990101000000_orphan',
      `INSERT INTO "Pane" ("id", "sessionId", "providerId", "modelId", "position") VALUES ('p', 'no-such-session', 'demo', 'm', 0);\n`,
    );
    const target = testDatabase('sqlite');
    try {
      await expect(migrateDatabase(target.url, { migrationsDir: root })).rejects.toThrow(
        /broken foreign key/,
      );
      expect(await tableNames(target.url, 'sqlite')).toEqual([]);
    } finally {
      await target.drop();
    }
  });
});

describe('findMigrationsDir', () => {
  it('finds prisma/migrations above the working directory, or takes MIGRATIONS_DIR', () => {
    const found = findMigrationsDir(undefined);
    expect(found.endsWith(join('prisma', 'migrations'))).toBe(true);
    expect(readdirSync(found)).toEqual(expect.arrayContaining(['sqlite', 'postgresql']));
    const root = copyOfMigrations();
    expect(findMigrationsDir(root)).toBe(root);
    expect(() => findMigrationsDir(scratch)).toThrow(
      /MIGRATIONS_DIR=.*no sqlite\/ or postgresql\//,
    );
  });
});
