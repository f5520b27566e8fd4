import type { Repositories } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { broadcastsRepository } from './broadcasts';
import { instancesRepository } from './instances';
import { messagesRepository } from './messages';
import { metricsRepository } from './metrics';
import { panesRepository } from './panes';
import type { SqlDialect } from './raw-sql';
import { sessionsRepository } from './sessions';
import { settingsRepository } from './settings';
import { votesRepository } from './votes';

/** The only code that knows the Prisma models; typed against the SQLite client (the PostgreSQL one is identical). */
export function createRepositories(prisma: PrismaClient, dialect: SqlDialect): Repositories {
  return {
    instances: instancesRepository(prisma),
    sessions: sessionsRepository(prisma, dialect),
    panes: panesRepository(prisma),
    broadcasts: broadcastsRepository(prisma, dialect),
    messages: messagesRepository(prisma, dialect),
    metrics: metricsRepository(prisma),
    votes: votesRepository(prisma),
    settings: settingsRepository(prisma),
  };
}
