import type { PanesRepository } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { toPaneView } from './mappers';
import { retryOnUniqueConflict } from './retry-unique';

export function panesRepository(prisma: PrismaClient): PanesRepository {
  return {
    async create(input) {
      // (sessionId, position) is unique: a concurrent create that took the same position makes this retry.
      return retryOnUniqueConflict(async () => {
        const last = await prisma.pane.aggregate({
          where: { sessionId: input.sessionId },
          _max: { position: true },
        });
        const row = await prisma.pane.create({
          data: {
            sessionId: input.sessionId,
            providerId: input.providerId,
            modelId: input.modelId,
            kind: input.kind,
            params: JSON.stringify(input.params),
            systemPrompt: input.systemPrompt,
            position: (last._max.position ?? -1) + 1,
          },
        });
        return toPaneView(row);
      });
    },

    async get(id) {
      const row = await prisma.pane.findUnique({ where: { id } });
      return row ? toPaneView(row) : null;
    },

    async listBySession(sessionId) {
      return (
        await prisma.pane.findMany({ where: { sessionId }, orderBy: { position: 'asc' } })
      ).map(toPaneView);
    },
  };
}
