import type { MetricsRepository, ProviderUsage } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';

export function metricsRepository(prisma: PrismaClient): MetricsRepository {
  return {
    async sessionTotals(sessionId) {
      const sums = await prisma.answerMetrics.aggregate({
        where: { message: { pane: { sessionId } } },
        _count: { _all: true },
        _sum: { inputTokens: true, outputTokens: true, cost: true },
      });
      return {
        answers: sums._count._all,
        inputTokens: sums._sum.inputTokens ?? 0,
        outputTokens: sums._sum.outputTokens ?? 0,
        cost: sums._sum.cost ?? 0,
      };
    },

    async byProvider() {
      const [answers, failedByPane] = await Promise.all([
        prisma.answerMetrics.groupBy({
          by: ['providerId'],
          where: { message: { copiedAt: null } },
          _count: { _all: true },
          _sum: { inputTokens: true, outputTokens: true, cost: true },
          _avg: { latencyMs: true, ttftMs: true },
        }),
        // Failed answers may have no metrics row (e.g. refused before a request), so they are
        // counted from messages and attributed through their pane's provider.
        prisma.message.groupBy({
          by: ['paneId'],
          where: { role: 'assistant', status: 'error', copiedAt: null },
          _count: { _all: true },
        }),
      ]);
      const panes = failedByPane.length
        ? await prisma.pane.findMany({
            where: { id: { in: failedByPane.map((row) => row.paneId) } },
            select: { id: true, providerId: true },
          })
        : [];
      const providerOfPane = new Map(panes.map((pane) => [pane.id, pane.providerId]));
      const errors = new Map<string, number>();
      for (const row of failedByPane) {
        const providerId = providerOfPane.get(row.paneId);
        if (providerId !== undefined)
          errors.set(providerId, (errors.get(providerId) ?? 0) + row._count._all);
      }

      const usage = new Map<string, ProviderUsage>();
      for (const row of answers) {
        usage.set(row.providerId, {
          providerId: row.providerId,
          answers: row._count._all,
          errors: 0,
          inputTokens: row._sum.inputTokens ?? 0,
          outputTokens: row._sum.outputTokens ?? 0,
          cost: row._sum.cost ?? 0,
          latencyMsAvg: row._avg.latencyMs,
          ttftMsAvg: row._avg.ttftMs,
        });
      }
      for (const [providerId, count] of errors) {
        const entry = usage.get(providerId) ?? {
          providerId,
          answers: 0,
          errors: 0,
          inputTokens: 0,
          outputTokens: 0,
          cost: 0,
          latencyMsAvg: null,
          ttftMsAvg: null,
        };
        usage.set(providerId, { ...entry, errors: count });
      }
      return [...usage.values()].sort((a, b) => a.providerId.localeCompare(b.providerId));
    },

    async spent({ sessionId, since }) {
      const sums = await prisma.answerMetrics.aggregate({
        where: {
          message: { copiedAt: null, ...(sessionId === undefined ? {} : { pane: { sessionId } }) },
          ...(since === undefined ? {} : { createdAt: { gte: since } }),
        },
        _sum: { cost: true },
      });
      return sums._sum.cost ?? 0;
    },
  };
}
