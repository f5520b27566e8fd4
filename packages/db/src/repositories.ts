import type { AnswerMetrics, MessageStatus, MessageView, MetricsTotals, ModelParams, PaneErrorInfo, PaneView, SessionDetail, SessionSummary } from '@mlb/contracts';
import type { Prisma, PrismaClient } from './generated/sqlite/client';
import { paneState, toMessageView, toMetrics, toPaneView } from './mappers';
import { retryOnUniqueConflict } from './retry-unique';

export type Provider = 'sqlite' | 'postgresql';

const encodeCursor = (updatedAt: Date, id: string) => Buffer.from(`${updatedAt.toISOString()}|${id}`).toString('base64url');

function decodeCursor(cursor: string): { updatedAt: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const updatedAt = new Date(iso ?? '');
  return id && !Number.isNaN(updatedAt.getTime()) ? { updatedAt, id } : null;
}

function totalsOf(metrics: (AnswerMetrics | null)[]): MetricsTotals {
  const present = metrics.filter((m): m is AnswerMetrics => m !== null);
  return {
    answers: present.length,
    inputTokens: present.reduce((n, m) => n + m.inputTokens, 0),
    outputTokens: present.reduce((n, m) => n + m.outputTokens, 0),
    cost: present.reduce((n, m) => n + (m.cost ?? 0), 0),
  };
}

/** Repositories that speak the workspace's language; the only place that knows the Prisma models. */
export function createRepositories(prisma: PrismaClient, provider: Provider) {
  // SQLite's LIKE is already case-insensitive; PostgreSQL needs Prisma's insensitive mode.
  const contains = (text: string) => ({ contains: text, ...(provider === 'postgresql' ? { mode: 'insensitive' } : {}) }) as Prisma.StringFilter;

  const summaryInclude = { _count: { select: { panes: true } } } as const;
  const toSummary = (row: { id: string; title: string; createdAt: Date; updatedAt: Date; _count: { panes: number } }): SessionSummary => ({
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    paneCount: row._count.panes,
  });

  const sessions = {
    async create(input: { title: string }): Promise<SessionSummary> {
      return toSummary(await prisma.session.create({ data: { title: input.title }, include: summaryInclude }));
    },

    async get(id: string): Promise<SessionDetail | null> {
      const row = await prisma.session.findUnique({
        where: { id },
        include: { ...summaryInclude, panes: { orderBy: { position: 'asc' }, include: { messages: { orderBy: { seq: 'asc' }, include: { metrics: true } } } } },
      });
      if (!row) return null;
      const panes = row.panes.map((pane) => {
        const messages = pane.messages.map(toMessageView);
        return { ...toPaneView(pane), state: paneState(messages), messages, totals: totalsOf(messages.map((m) => m.metrics)) };
      });
      return { ...toSummary(row), panes, totals: totalsOf(panes.flatMap((p) => p.messages.map((m) => m.metrics))) };
    },

    async list(input: { cursor?: string | null; limit: number; search?: string }): Promise<{ items: SessionSummary[]; nextCursor: string | null }> {
      const and: Prisma.SessionWhereInput[] = [];
      const cursor = input.cursor ? decodeCursor(input.cursor) : null;
      if (cursor) {
        and.push({ OR: [{ updatedAt: { lt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { lt: cursor.id } }] });
      }
      const search = input.search?.trim();
      if (search) {
        and.push({ OR: [{ title: contains(search) }, { panes: { some: { messages: { some: { content: contains(search) } } } } }] });
      }
      const rows = await prisma.session.findMany({
        where: { AND: and },
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        take: input.limit + 1,
        include: summaryInclude,
      });
      const items = rows.slice(0, input.limit);
      const last = items.at(-1);
      return { items: items.map(toSummary), nextCursor: rows.length > input.limit && last ? encodeCursor(last.updatedAt, last.id) : null };
    },

    async rename(id: string, title: string): Promise<SessionSummary | null> {
      const result = await prisma.session.updateMany({ where: { id }, data: { title } });
      if (result.count === 0) return null;
      return toSummary(await prisma.session.findUniqueOrThrow({ where: { id }, include: summaryInclude }));
    },

    async delete(id: string): Promise<boolean> {
      return (await prisma.session.deleteMany({ where: { id } })).count > 0;
    },

    async touch(id: string): Promise<void> {
      await prisma.session.updateMany({ where: { id }, data: { updatedAt: new Date() } });
    },

    count: () => prisma.session.count(),
  };

  const panes = {
    async create(input: { sessionId: string; providerId: string; modelId: string; kind: 'chat' | 'summary'; params: ModelParams; systemPrompt: string | null }): Promise<PaneView> {
      return retryOnUniqueConflict(async () => {
        const last = await prisma.pane.findFirst({ where: { sessionId: input.sessionId }, orderBy: { position: 'desc' }, select: { position: true } });
        const row = await prisma.pane.create({ data: { ...input, params: JSON.stringify(input.params), position: (last?.position ?? -1) + 1 } });
        return toPaneView(row);
      });
    },
    async get(id: string): Promise<PaneView | null> {
      const row = await prisma.pane.findUnique({ where: { id } });
      return row ? toPaneView(row) : null;
    },
    async listBySession(sessionId: string): Promise<PaneView[]> {
      return (await prisma.pane.findMany({ where: { sessionId }, orderBy: { position: 'asc' } })).map(toPaneView);
    },
  };

  const broadcasts = {
    async create(input: { sessionId: string; prompt: string; kind: 'broadcast' | 'send_to' | 'summarize' | 'retry' }) {
      const row = await prisma.broadcast.create({ data: input });
      return { id: row.id, sessionId: row.sessionId, createdAt: row.createdAt.toISOString() };
    },
  };

  const messages = {
    async append(input: { paneId: string; broadcastId: string | null; role: MessageView['role']; content: string; status: MessageStatus }): Promise<MessageView> {
      return retryOnUniqueConflict(async () => {
        const last = await prisma.message.findFirst({ where: { paneId: input.paneId }, orderBy: { seq: 'desc' }, select: { seq: true } });
        return toMessageView(await prisma.message.create({ data: { ...input, seq: (last?.seq ?? -1) + 1 } }));
      });
    },
    async get(id: string): Promise<MessageView | null> {
      const row = await prisma.message.findUnique({ where: { id }, include: { metrics: true } });
      return row ? toMessageView(row) : null;
    },
    async thread(paneId: string): Promise<MessageView[]> {
      return (await prisma.message.findMany({ where: { paneId }, orderBy: { seq: 'asc' }, include: { metrics: true } })).map(toMessageView);
    },
    async latestAssistant(paneId: string): Promise<MessageView | null> {
      const row = await prisma.message.findFirst({ where: { paneId, role: 'assistant', NOT: { content: '' } }, orderBy: { seq: 'desc' }, include: { metrics: true } });
      return row ? toMessageView(row) : null;
    },
    async updateContent(id: string, content: string): Promise<void> {
      await prisma.message.updateMany({ where: { id, status: 'streaming' }, data: { content } });
    },
    async finish(
      id: string,
      input: { content: string; status: Exclude<MessageStatus, 'streaming'>; finishReason: string | null; error: PaneErrorInfo | null; metrics: (AnswerMetrics & { providerId: string; modelId: string }) | null },
    ): Promise<MessageView> {
      const error = input.error;
      const [row] = await prisma.$transaction(async (tx) => {
        const message = await tx.message.update({
          where: { id },
          data: {
            content: input.content,
            status: input.status,
            finishReason: input.finishReason,
            errorKind: error?.kind ?? null,
            errorMessage: error?.message ?? null,
            errorSuggestion: error?.suggestion ?? null,
            errorStatus: error?.status ?? null,
          },
          include: { pane: { select: { sessionId: true } } },
        });
        if (input.metrics) {
          await tx.answerMetrics.upsert({ where: { messageId: id }, create: { messageId: id, ...input.metrics }, update: input.metrics });
        }
        await tx.session.update({ where: { id: message.pane.sessionId }, data: { updatedAt: new Date() } });
        return [message];
      });
      const metrics = await prisma.answerMetrics.findUnique({ where: { messageId: row.id } });
      return toMessageView({ ...row, metrics });
    },
    async markInterrupted(): Promise<number> {
      return (await prisma.message.updateMany({ where: { status: 'streaming' }, data: { status: 'interrupted', finishReason: 'interrupted' } })).count;
    },
  };

  const metrics = {
    async sessionTotals(sessionId: string): Promise<MetricsTotals> {
      const rows = await prisma.answerMetrics.findMany({ where: { message: { pane: { sessionId } } } });
      return totalsOf(rows.map(toMetrics));
    },
    async byProvider() {
      const [all, failed] = await Promise.all([
        prisma.answerMetrics.groupBy({ by: ['providerId'], _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, cost: true }, _avg: { latencyMs: true, ttftMs: true } }),
        prisma.answerMetrics.groupBy({ by: ['providerId'], where: { message: { status: 'error' } }, _count: { _all: true } }),
      ]);
      return all.map((row) => ({
        providerId: row.providerId,
        answers: row._count._all,
        errors: failed.find((f) => f.providerId === row.providerId)?._count._all ?? 0,
        inputTokens: row._sum.inputTokens ?? 0,
        outputTokens: row._sum.outputTokens ?? 0,
        cost: row._sum.cost ?? 0,
        latencyMsAvg: row._avg.latencyMs,
        ttftMsAvg: row._avg.ttftMs,
      }));
    },
  };

  return { sessions, panes, broadcasts, messages, metrics };
}
