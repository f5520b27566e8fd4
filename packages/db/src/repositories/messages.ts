import type { MessagesRepository } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { MessageGoneError } from '../message-gone';
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

    async finish(id, { content, status, endReason, finishReason, error, metrics, citations }) {
      // updateMany/upsert rather than update: a message deleted meanwhile (its session removed) ends
      // the transaction quietly instead of rolling back; on SQLite the adapter shares one connection,
      // so a rollback would also undo other writes that ran during the transaction.
      const found = await prisma.$transaction(async (tx) => {
        const updated = await tx.message.updateMany({
          where: { id },
          data: {
            content,
            status,
            endReason,
            finishReason,
            ownerId: null,
            errorKind: error?.kind ?? null,
            errorMessage: error?.message ?? null,
            errorSuggestion: error?.suggestion ?? null,
            errorStatus: error?.status ?? null,
            ...(citations === undefined ? {} : { citations: jsonColumn(citations) }),
          },
        });
        if (updated.count === 0) return false;
        if (metrics) {
          // Field by field: Prisma rejects unknown keys and fractional Ints, and timings are often measured fractionally.
          const row = {
            providerId: metrics.providerId,
            modelId: metrics.modelId,
            inputTokens: Math.round(metrics.inputTokens),
            outputTokens: Math.round(metrics.outputTokens),
            cachedTokens: Math.round(metrics.cachedTokens),
            cost: metrics.cost,
            ttftMs: metrics.ttftMs === null ? null : Math.round(metrics.ttftMs),
            latencyMs: Math.round(metrics.latencyMs),
            tokensPerSecond: metrics.tokensPerSecond,
            retries: Math.round(metrics.retries),
            estimated: metrics.estimated,
          };
          await tx.answerMetrics.upsert({
            where: { messageId: id },
            create: { ...row, messageId: id },
            update: row,
          });
        }
        await tx.session.updateMany({
          where: { panes: { some: { messages: { some: { id } } } } },
          data: { updatedAt: new Date() },
        });
        return true;
      });
      const view = found ? await get(id) : null;
      if (!view) throw new MessageGoneError(id);
      return view;
    },
  };
}
