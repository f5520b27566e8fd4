import type { BroadcastKind, BroadcastsRepository } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { launchBatcher } from './launch-batch';
import type { SqlDialect } from './raw-sql';

export function broadcastsRepository(
  prisma: PrismaClient,
  dialect: SqlDialect,
): BroadcastsRepository {
  const launch = launchBatcher(prisma, dialect);
  return {
    async create({ sessionId, prompt, kind }) {
      const row = await prisma.broadcast.create({ data: { sessionId, prompt, kind } });
      return { id: row.id, sessionId: row.sessionId, createdAt: row.createdAt.toISOString() };
    },

    launch,

    async listBySession(sessionId) {
      const rows = await prisma.broadcast.findMany({
        where: { sessionId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map((row) => ({
        id: row.id,
        prompt: row.prompt,
        kind: toBroadcastKind(row.kind),
        budgetUsd: row.budgetUsd,
        createdAt: row.createdAt.toISOString(),
      }));
    },
  };
}

const KINDS = {
  broadcast: true,
  send_to: true,
  summarize: true,
  retry: true,
  fuse: true,
  prompt: true,
} satisfies Record<BroadcastKind, true>;

/** A kind this version does not know (a newer one wrote it) reads as a plain broadcast. */
const toBroadcastKind = (kind: string): BroadcastKind =>
  Object.hasOwn(KINDS, kind) ? (kind as BroadcastKind) : 'broadcast';
