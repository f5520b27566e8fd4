import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { parseDatabaseUrl } from './database-url';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { migrateDatabase } from './migrate';
import { createRepositories, type Provider } from './repositories';

export interface DbLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface CreateDbOptions {
  url: string;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  migrationsDir?: string;
  logger?: DbLogger;
}

export type Db = ReturnType<typeof createRepositories> & {
  provider: Provider;
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

/** One Prisma client per process, on the driver adapter the URL names. */
export async function createDb(options: CreateDbOptions): Promise<Db> {
  const target = parseDatabaseUrl(options.url);
  if (options.migrate !== false) {
    const result = await migrateDatabase(options.url, options.migrationsDir ? { migrationsDir: options.migrationsDir } : {});
    if (result.applied.length > 0) options.logger?.info({ applied: result.applied }, 'migrations applied');
  }
  let prisma: SqliteClient;
  if (target.provider === 'sqlite') {
    const file = resolve(target.file);
    mkdirSync(dirname(file), { recursive: true });
    prisma = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}` }) });
    // WAL lets readers continue while an answer is being saved; the timeout queues concurrent writers.
    await prisma.$executeRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA busy_timeout = 5000');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  } else {
    // The two generated clients are built from the same models, so their types agree.
    prisma = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.connectionString }, { schema: target.schema }) }) as unknown as SqliteClient;
  }
  return {
    ...createRepositories(prisma, target.provider),
    provider: target.provider,
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
      return true;
    },
    close: () => prisma.$disconnect(),
  };
}
