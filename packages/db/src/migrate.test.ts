import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDb } from './create-db';
import { parseDatabaseUrl } from './database-url';
import { migrateDatabase } from './migrate';
import { findMigrationsDir } from './migrations-dir';
import { testDatabase } from './test-databases';

const run = promisify(execFile);

describe('migrations', () => {
  it('apply once, then are a no-op', async () => {
    const target = await testDatabase('sqlite');
    const first = await migrateDatabase(target.url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(await migrateDatabase(target.url)).toEqual({ applied: [], alreadyApplied: first.applied.length });
    await target.drop();
  });

  it('are safe when two processes start at once', async () => {
    const target = await testDatabase('sqlite');
    const script = join(mkdtempSync(join(tmpdir(), 'broadcast-migrate-')), 'run.mts');
    writeFileSync(script, `import { migrateDatabase } from ${JSON.stringify(join(import.meta.dirname, 'migrate.ts'))};\nconsole.log(JSON.stringify(await migrateDatabase(${JSON.stringify(target.url)})));\n`);
    const tsx = join(import.meta.dirname, '../node_modules/.bin/tsx');
    const outputs = await Promise.all([1, 2].map(() => run(tsx, [script], { cwd: import.meta.dirname })));
    const counts = outputs.map((o) => (JSON.parse(o.stdout.trim().split('\n').at(-1)!) as { applied: string[] }).applied.length).sort((a, b) => a - b);
    expect(counts[0]).toBe(0);
    expect(counts[1]).toBeGreaterThan(0);
    const db = await createDb({ url: target.url });
    expect(await db.sessions.count()).toBe(0);
    await db.close();
    await target.drop();
  });

  it('refuse an applied migration that was edited, naming it and saying what to do', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'broadcast-migrations-'));
    cpSync(findMigrationsDir(), copy, { recursive: true });
    const target = await testDatabase('sqlite');
    await migrateDatabase(target.url, { migrationsDir: copy });
    const [name] = readdirSync(join(copy, 'sqlite')).filter((n) => /^\d/.test(n));
    writeFileSync(join(copy, 'sqlite', name!, 'migration.sql'), '-- edited\n', { flag: 'a' });
    await expect(migrateDatabase(target.url, { migrationsDir: copy })).rejects.toThrow(new RegExp(`${name!}.*changed after it was applied.*new migration`));
    await target.drop();
  });

  it('reject a URL they do not understand, naming DATABASE_URL and the accepted forms', () => {
    expect(() => parseDatabaseUrl('mysql://root:secret@localhost/db')).toThrow(/DATABASE_URL "mysql:\/\/root:\*\*\*@localhost\/db".*file:.*postgresql:\/\//);
    expect(parseDatabaseUrl('postgresql://u@h:5432/d?schema=s1')).toEqual({ provider: 'postgresql', connectionString: 'postgresql://u@h:5432/d', schema: 's1' });
  });
});
