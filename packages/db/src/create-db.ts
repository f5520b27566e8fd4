import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

import { describeDatabaseUrl, parseDatabaseUrl } from './database-url';
import type { Db, DbLogger, WriteStats } from './db';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { migrateDatabase } from './migrate';
import { CONNECT_TIMEOUT_MS } from './migrate-postgres';
import { createRepositories } from './repositories';
import { countWrites } from './write-counter';

export interface CreateDbOptions {
  /** DATABASE_URL: `file:<path>` or a bare path (SQLite), `postgres(ql)://…[?schema=…]` (PostgreSQL). */
  url: string;
  /** Apply pending migrations before opening (default true). */
  migrate?: boolean;
  /** The prisma/migrations folder; default findMigrationsDir(). */
  migrationsDir?: string;
  logger?: DbLogger;
}

const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Switching a new file to WAL ignores the busy timeout; another process opening it at the same moment just retries. */
async function whileBusy<T>(fn: () => Promise<T>, deadline = Date.now() + 30_000): Promise<T> {
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (
        !/locked|busy/i.test(error instanceof Error ? error.message : String(error)) ||
        Date.now() > deadline
      )
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
    }
  }
}

/** Opens the database the URL names (after migrating it) behind one Prisma client. */
export async function createDb(options: CreateDbOptions): Promise<Db> {
  const target = parseDatabaseUrl(options.url);
  const database = describeDatabaseUrl(options.url);
  if (options.migrate !== false) {
    await migrateDatabase(options.url, {
      ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  let prisma: SqliteClient;
  if (target.provider === 'sqlite') {
    const file = resolve(target.file);
    mkdirSync(dirname(file), { recursive: true });
    prisma = new SqliteClient({
      adapter: new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS }),
    });
    // WAL lets readers go on while an answer is saved; the busy timeout queues writers from other
    // processes (e.g. `pnpm db:migrate`) instead of failing; foreign keys make deletes cascade.
    await whileBusy(() => prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL'));
    await prisma.$executeRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  } else {
    // Generated from the same models, the two clients have the same types; the repositories use the SQLite one.
    prisma = new PostgresClient({
      adapter: new PrismaPg(
        { connectionString: target.connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
        { schema: target.schema },
      ),
    }) as unknown as SqliteClient;
    await prisma.$connect();
  }
  options.logger?.debug({ database, provider: target.provider }, 'database opened');

  const writes: WriteStats = { issued: 0, inFlight: 0 };
  const repositories = createRepositories(prisma, {
    provider: target.provider,
    schema: target.provider === 'postgresql' ? target.schema : null,
  });
  return {
    ...countWrites(repositories, writes),
    provider: target.provider,
    writeStats: () => ({ ...writes }),
    async ping() {
      try {
        await prisma.$queryRawUnsafe('SELECT 1');
        return true;
      } catch (error) {
        options.logger?.warn({ database, err: error }, 'database ping failed');
        return false;
      }
    },
    close: () => prisma.$disconnect(),
  };
}
