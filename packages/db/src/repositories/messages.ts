import type { MessagesRepository } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { finishBatcher } from './finish-batch';
import { jsonColumn } from './json-columns';
import { toMessageView } from './mappers';
import type { SqlDialect } from './raw-sql';
import { retryOnUniqueConflict } from './retry-unique';
import { UPDATE_BATCH, updateStreaming } from './update-streaming';

export function messagesRepository(prisma: PrismaClient, dialect: SqlDialect): MessagesRepository {
  const get = async (id: string) => {
    const row = await prisma.message.findUnique({ where: { id }, include: { metrics: true } });
    return row ? toMessageView(row) : null;
  };

  return {
    async append({ paneId, broadcastId, role, content, status, ownerId, source, fuse }) {
      // (paneId, seq) is unique: a concurrent append that took the same seq makes this retry.
      return retryOnUniqueConflict(async () => {
        const last = await prisma.message.aggregate({ where: { paneId }, _max: { seq: true } });
        const row = await prisma.message.create({
          data: {
            paneId,
            broadcastId,
            role,
            content,
            status,
            ownerId: ownerId ?? null,
            sourcePaneId: source?.paneId ?? null,
            sourceMessageId: source?.messageId ?? null,
            fuseRequest: jsonColumn(fuse),
            seq: (last._max.seq ?? -1) + 1,
          },
        });
        return toMessageView({ ...row, metrics: null });
      });
    },

    get,

    async thread(paneId) {
      return (
        await prisma.message.findMany({
          where: { paneId },
          orderBy: { seq: 'asc' },
          include: { metrics: true },
        })
      ).map(toMessageView);
    },

    async latestAssistant(paneId) {
      const row = await prisma.message.findFirst({
        where: { paneId, role: 'assistant', NOT: { content: '' } },
        orderBy: { seq: 'desc' },
        include: { metrics: true },
      });
      return row ? toMessageView(row) : null;
    },

    async updateContents(updates) {
      for (let i = 0; i < updates.length; i += UPDATE_BATCH)
        await updateStreaming(prisma, dialect, updates.slice(i, i + UPDATE_BATCH));
    },

    async streaming(where) {
      const rows = await prisma.message.findMany({
        where: {
          status: 'streaming',
          role: 'assistant',
          ...('paneId' in where
            ? { paneId: where.paneId }
            : { pane: { sessionId: where.sessionId } }),
        },
        select: { id: true, paneId: true, ownerId: true },
      });
      return rows.map((r) => ({ messageId: r.id, paneId: r.paneId, ownerId: r.ownerId }));
    },

    finish: finishBatcher(prisma, dialect),
  };
}
