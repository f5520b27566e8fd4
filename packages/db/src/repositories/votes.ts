import type { VoteKind, VoteView } from '@mlb/contracts';

import type { VotesRepository } from '../db';
import type { Prisma, PrismaClient } from '../generated/sqlite/client';

const withEntries = {
  entries: { orderBy: [{ rank: 'asc' as const }, { paneId: 'asc' as const }] },
} satisfies Prisma.VoteInclude;
type VoteRow = Prisma.VoteGetPayload<{ include: typeof withEntries }>;

const KINDS = { best: true, ranking: true, tie: true } satisfies Record<VoteKind, true>;

function toVoteView(row: VoteRow): VoteView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    broadcastId: row.broadcastId,
    // A kind this version does not know reads as a ranking: the entries' ranks say it all.
    kind: Object.hasOwn(KINDS, row.kind) ? (row.kind as VoteKind) : 'ranking',
    entries: row.entries.map((e) => ({
      paneId: e.paneId,
      providerId: e.providerId,
      modelId: e.modelId,
      rank: e.rank,
    })),
    createdAt: row.createdAt.toISOString(),
  };
}

export function votesRepository(prisma: PrismaClient): VotesRepository {
  return {
    async cast({ sessionId, broadcastId, kind, entries }) {
      const row = await prisma.$transaction(async (tx) => {
        const panes = await tx.pane.findMany({
          where: { id: { in: entries.map((e) => e.paneId) } },
          select: { id: true, providerId: true, modelId: true },
        });
        const model = new Map(panes.map((p) => [p.id, p]));
        await tx.vote.deleteMany({ where: { broadcastId } });
        return tx.vote.create({
          data: {
            sessionId,
            broadcastId,
            kind,
            entries: {
              create: entries.map(({ paneId, rank }) => {
                const pane = model.get(paneId);
                if (!pane) throw new Error(`pane ${paneId} of a vote does not exist`);
                return { paneId, rank, providerId: pane.providerId, modelId: pane.modelId };
              }),
            },
          },
          include: withEntries,
        });
      });
      return toVoteView(row);
    },

    async forBroadcast(broadcastId) {
      const row = await prisma.vote.findUnique({ where: { broadcastId }, include: withEntries });
      return row ? toVoteView(row) : null;
    },

    async listBySession(sessionId) {
      const rows = await prisma.vote.findMany({
        where: { sessionId },
        include: withEntries,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toVoteView);
    },

    async all() {
      const rows = await prisma.vote.findMany({
        include: withEntries,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toVoteView);
    },
  };
}
