import type { BroadcastsRepository } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { writeLaunch } from './launch-rows';
import type { SqlDialect } from './raw-sql';

export function broadcastsRepository(
  prisma: PrismaClient,
  dialect: SqlDialect,
): BroadcastsRepository {
  return {
    async create({ sessionId, prompt, kind }) {
      const row = await prisma.broadcast.create({ data: { sessionId, prompt, kind } });
      return { id: row.id, sessionId: row.sessionId, createdAt: row.createdAt.toISOString() };
    },

    async launch(input) {
      await prisma.$transaction((tx) => writeLaunch(tx, dialect, input));
    },
  };
}
