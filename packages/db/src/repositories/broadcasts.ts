import type { PrismaClient } from '../generated/sqlite/client';
import type { BroadcastsRepository } from '../db';

export function broadcastsRepository(prisma: PrismaClient): BroadcastsRepository {
  return {
    async create({ sessionId, prompt, kind }) {
      const row = await prisma.broadcast.create({ data: { sessionId, prompt, kind } });
      return { id: row.id, sessionId: row.sessionId, createdAt: row.createdAt.toISOString() };
    },

    async launch({ session, panes, broadcast, messages }) {
      await prisma.$transaction(async (tx) => {
        if (session.isNew) await tx.session.create({ data: { id: session.id, title: session.title, createdAt: broadcast.createdAt } });
        else await tx.session.update({ where: { id: session.id }, data: { updatedAt: new Date() } });
        if (panes.length > 0) {
          await tx.pane.createMany({
            data: panes.map((p) => ({
              id: p.id,
              sessionId: p.sessionId,
              providerId: p.providerId,
              modelId: p.modelId,
              kind: p.kind,
              params: JSON.stringify(p.params),
              systemPrompt: p.systemPrompt,
              position: p.position,
              createdAt: p.createdAt,
            })),
          });
        }
        await tx.broadcast.create({ data: { id: broadcast.id, sessionId: session.id, prompt: broadcast.prompt, kind: broadcast.kind, createdAt: broadcast.createdAt } });
        if (messages.length === 0) return;
        const paneIds = [...new Set(messages.map((m) => m.paneId))];
        const last = await tx.message.groupBy({ by: ['paneId'], where: { paneId: { in: paneIds } }, _max: { seq: true } });
        const next = new Map(last.map((row) => [row.paneId, (row._max.seq ?? -1) + 1]));
        await tx.message.createMany({
          data: messages.map((m) => {
            const seq = next.get(m.paneId) ?? 0;
            next.set(m.paneId, seq + 1);
            return { id: m.id, paneId: m.paneId, broadcastId: m.broadcastId, role: m.role, content: m.content, status: m.status, seq, createdAt: m.createdAt, updatedAt: m.createdAt };
          }),
        });
      });
    },
  };
}
