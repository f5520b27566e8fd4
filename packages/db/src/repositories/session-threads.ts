import type { SessionThreads } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { toMessageView, toPaneView } from './mappers';
import { rawSql, type SqlDialect } from './raw-sql';

const PANE_COLUMNS = [
  'id',
  'sessionId',
  'providerId',
  'modelId',
  'kind',
  'params',
  'systemPrompt',
  'position',
  'createdAt',
] as const;

export const MESSAGE_COLUMNS = [
  'id',
  'paneId',
  'broadcastId',
  'seq',
  'role',
  'content',
  'status',
  'finishReason',
  'endReason',
  'ownerId',
  'errorKind',
  'errorMessage',
  'errorSuggestion',
  'errorStatus',
  'sourcePaneId',
  'sourceMessageId',
  'citations',
  'fuseRequest',
  'copiedAt',
  'createdAt',
  'updatedAt',
] as const;

type PaneRow = Parameters<typeof toPaneView>[0];
type MessageRow = Parameters<typeof toMessageView>[0];
export type Row = Record<string, unknown>;

/** The columns of one table under a prefix, back as that table's row. */
export function pick(row: Row, prefix: string, columns: readonly string[]): Row {
  const picked: Row = {};
  for (const column of columns) picked[column] = row[`${prefix}${column}`];
  return picked;
}

/**
 * A session's title, budget and every pane's thread in one statement (session ⟕ panes ⟕
 * messages). It is read before every follow-up's first token, and each Prisma request costs
 * about as much as the query itself several times over (~0.4 ms here): the nested `findUnique` it
 * replaces made one request of three queries and joined them in JavaScript, 1.6–2.2 ms.
 * `threads` must equal what `get` returns for the same panes and messages (a test checks it on
 * both databases).
 */
export async function readSessionThreads(
  prisma: PrismaClient,
  dialect: SqlDialect,
  sessionId: string,
): Promise<SessionThreads | null> {
  const { table, arg, args } = rawSql(dialect);
  const columns = [
    `s."title" AS "s_title"`,
    `s."budgetUsd" AS "s_budgetUsd"`,
    ...PANE_COLUMNS.map((c) => `p."${c}" AS "p_${c}"`),
    ...MESSAGE_COLUMNS.map((c) => `m."${c}" AS "m_${c}"`),
  ];
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT ${columns.join(', ')} FROM ${table('Session')} s ` +
      `LEFT JOIN ${table('Pane')} p ON p."sessionId" = s."id" ` +
      `LEFT JOIN ${table('Message')} m ON m."paneId" = p."id" ` +
      `WHERE s."id" = ${arg(sessionId)} ORDER BY p."position", m."seq"`,
    ...args,
  );
  const first = rows[0];
  if (!first) return null;
  const panes: SessionThreads['panes'] = [];
  let current: SessionThreads['panes'][number] | null = null;
  for (const row of rows) {
    if (row.p_id === null) continue;
    if (!current || current.pane.id !== row.p_id) {
      current = { pane: toPaneView(pick(row, 'p_', PANE_COLUMNS) as PaneRow), messages: [] };
      panes.push(current);
    }
    if (row.m_id !== null)
      current.messages.push(
        toMessageView({ ...(pick(row, 'm_', MESSAGE_COLUMNS) as MessageRow), metrics: null }),
      );
  }
  return {
    title: first.s_title as string,
    budgetUsd: first.s_budgetUsd === null ? null : Number(first.s_budgetUsd),
    panes,
  };
}
