import type { SessionSummary } from '@mlb/contracts';

import type { SessionsRepository } from '../db';
import type { Prisma, PrismaClient } from '../generated/sqlite/client';
import { writeCopy } from './copy-rows';
import { decodeCursor, encodeCursor } from './cursor';
import { readLatestAnswers } from './latest-answers';
import { paneState, toMessageView, toPaneView } from './mappers';
import type { SqlDialect } from './raw-sql';
import { sessionPageIds } from './session-page';
import { readSessionThreads } from './session-threads';
import { totalsOf } from './totals';

const withPaneCount = { _count: { select: { panes: true } } } as const;

type SummaryRow = Prisma.SessionGetPayload<{ include: typeof withPaneCount }>;

function toSummary(row: SummaryRow): SessionSummary {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    paneCount: row._count.panes,
  };
}

export function sessionsRepository(prisma: PrismaClient, dialect: SqlDialect): SessionsRepository {
  return {
    async create({ title }) {
      return toSummary(await prisma.session.create({ data: { title }, include: withPaneCount }));
    },

    async get(id) {
      const row = await prisma.session.findUnique({
        where: { id },
        include: {
          ...withPaneCount,
          panes: {
            orderBy: { position: 'asc' },
            include: { messages: { orderBy: { seq: 'asc' }, include: { metrics: true } } },
          },
        },
      });
      if (!row) return null;
      const panes = row.panes.map((pane) => {
        const messages = pane.messages.map(toMessageView);
        return {
          ...toPaneView(pane),
          state: paneState(messages),
          messages,
          totals: totalsOf(messages.map((m) => m.metrics)),
        };
      });
      return {
        ...toSummary(row),
        panes,
        totals: totalsOf(panes.flatMap((p) => p.messages.map((m) => m.metrics))),
        budgetUsd: row.budgetUsd,
      };
    },

    threads: (id) => readSessionThreads(prisma, dialect, id),

    latestAnswers: (id) => readLatestAnswers(prisma, dialect, id),

    async exists(id) {
      return (await prisma.session.findUnique({ where: { id }, select: { id: true } })) !== null;
    },

    async list({ cursor, limit, search }) {
      const take = Math.max(1, Math.floor(limit));
      // One row more than asked tells whether another page exists without a count query.
      const ids = await sessionPageIds(prisma, dialect, {
        after: cursor ? decodeCursor(cursor) : null,
        take: take + 1,
        search: search?.trim() || null,
      });
      const rows = await prisma.session.findMany({
        where: { id: { in: ids.slice(0, take) } },
        include: withPaneCount,
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      // A session deleted between the two queries is simply left out.
      const items = ids.slice(0, take).flatMap((id) => byId.get(id) ?? []);
      const last = items.at(-1);
      return {
        items: items.map(toSummary),
        nextCursor: ids.length > take && last ? encodeCursor(last) : null,
      };
    },

    async rename(id, title) {
      const { count } = await prisma.session.updateMany({ where: { id }, data: { title } });
      if (count === 0) return null;
      const row = await prisma.session.findUnique({ where: { id }, include: withPaneCount });
      return row ? toSummary(row) : null;
    },

    async delete(id) {
      // deleteMany: a missing (or concurrently deleted) session is an answer, not an exception.
      return (await prisma.session.deleteMany({ where: { id } })).count > 0;
    },

    async touch(id) {
      await prisma.session.updateMany({ where: { id }, data: { updatedAt: new Date() } });
    },

    count: () => prisma.session.count(),

    async setBudget(id, budgetUsd) {
      const { count } = await prisma.session.updateMany({ where: { id }, data: { budgetUsd } });
      return count > 0;
    },

    async insertCopy(copy) {
      await prisma.$transaction((tx) => writeCopy(tx, copy));
      const row = await prisma.session.findUnique({
        where: { id: copy.session.id },
        include: withPaneCount,
      });
      if (!row) throw new Error(`copied session ${copy.session.id} vanished after its insert`);
      return toSummary(row);
    },
  };
}
