import type { InstancesRepository } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';

export function instancesRepository(prisma: PrismaClient): InstancesRepository {
  return {
    async heartbeat({ id, pid, hostname }) {
      const now = new Date();
      await prisma.instance.upsert({
        where: { id },
        create: { id, pid, hostname, startedAt: now, heartbeatAt: now },
        update: { heartbeatAt: now },
      });
    },

    async alive(aliveSince) {
      const rows = await prisma.instance.findMany({
        where: { heartbeatAt: { gte: aliveSince } },
        orderBy: { startedAt: 'asc' },
      });
      return rows.map((row) => ({
        id: row.id,
        pid: row.pid,
        hostname: row.hostname,
        startedAt: row.startedAt.toISOString(),
        heartbeatAt: row.heartbeatAt.toISOString(),
      }));
    },

    async reap({ self, aliveSince, dead = [] }) {
      const alive = await prisma.instance.findMany({
        where: { heartbeatAt: { gte: aliveSince }, id: { notIn: dead } },
        select: { id: true },
      });
      const owners = [self, ...alive.map((i) => i.id)];
      const orphans = await prisma.message.findMany({
        where: {
          status: 'streaming',
          OR: [{ ownerId: null }, { ownerId: { notIn: owners } }],
        },
        select: { id: true, paneId: true, content: true, pane: { select: { sessionId: true } } },
      });
      if (orphans.length > 0) {
        // Still "streaming" at the moment of the update: an answer that finished meanwhile keeps its end.
        await prisma.message.updateMany({
          where: { id: { in: orphans.map((m) => m.id) }, status: 'streaming' },
          data: { status: 'interrupted', endReason: 'interrupted', ownerId: null },
        });
      }
      await prisma.instance.deleteMany({
        where: {
          OR: [{ heartbeatAt: { lt: aliveSince } }, { id: { in: dead } }],
          id: { not: self },
        },
      });
      return orphans.map((m) => ({
        messageId: m.id,
        paneId: m.paneId,
        sessionId: m.pane.sessionId,
        content: m.content,
      }));
    },

    async remove(id) {
      await prisma.instance.deleteMany({ where: { id } });
    },
  };
}
