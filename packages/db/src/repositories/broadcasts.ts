import type { PrismaClient } from '../generated/sqlite/client';
import type { BroadcastsRepository } from '../db';

export function broadcastsRepository(prisma: PrismaClient): BroadcastsRepository {
  return {
    async create({ sessionId, prompt, kind }) {
      const row = await prisma.broadcast.create({ data: { sessionId, prompt, kind } });
      return { id: row.id, sessionId: row.sessionId, createdAt: row.createdAt.toISOString() };
    },
  };
}
