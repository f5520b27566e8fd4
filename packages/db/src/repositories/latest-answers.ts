import type { SessionLatestAnswers } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { METRIC_COLUMNS } from './finish-rows';
import { toMessageView } from './mappers';
import { rawSql, type SqlDialect } from './raw-sql';
import { MESSAGE_COLUMNS, pick, type Row } from './session-threads';

/** The metrics' own figures (not their keys nor when they were written). */
const MEASURES = METRIC_COLUMNS.filter(
  (c) => !['id', 'messageId', 'providerId', 'modelId', 'createdAt'].includes(c),
);

type MessageRow = Parameters<typeof toMessageView>[0];
type MetricsRow = NonNullable<MessageRow['metrics']>;

const numberOrNull = (value: unknown) => (value === null ? null : Number(value));

/**
 * Each pane of a session with its latest answer and that answer's metrics, in one statement: what
 * a subscriber's snapshot needs from the database (`get` read every message of every pane, in
 * four queries, on each subscribe without a usable event id; its cost grew with the session).
 */
export async function readLatestAnswers(
  prisma: PrismaClient,
  dialect: SqlDialect,
  sessionId: string,
): Promise<SessionLatestAnswers | null> {
  const { table, arg, args } = rawSql(dialect);
  const columns = [
    `s."id" AS "s_id"`,
    `p."id" AS "p_id"`,
    ...MESSAGE_COLUMNS.map((c) => `m."${c}" AS "m_${c}"`),
    `a."id" AS "a_id"`,
    ...MEASURES.map((c) => `a."${c}" AS "a_${c}"`),
  ];
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT ${columns.join(', ')} FROM ${table('Session')} s ` +
      `LEFT JOIN ${table('Pane')} p ON p."sessionId" = s."id" ` +
      `LEFT JOIN ${table('Message')} m ON m."id" = (SELECT x."id" FROM ${table('Message')} x ` +
      `WHERE x."paneId" = p."id" AND x."role" = 'assistant' ORDER BY x."seq" DESC LIMIT 1) ` +
      `LEFT JOIN ${table('AnswerMetrics')} a ON a."messageId" = m."id" ` +
      `WHERE s."id" = ${arg(sessionId)} ORDER BY p."position"`,
    ...args,
  );
  if (rows.length === 0) return null;
  return rows
    .filter((row) => row.p_id !== null)
    .map((row) => ({
      paneId: row.p_id as string,
      latest:
        row.m_id === null
          ? null
          : toMessageView({
              ...(pick(row, 'm_', MESSAGE_COLUMNS) as MessageRow),
              metrics:
                row.a_id === null
                  ? null
                  : ({
                      // Raw reads: SQLite gives booleans as 0 and 1.
                      inputTokens: Number(row.a_inputTokens),
                      outputTokens: Number(row.a_outputTokens),
                      cachedTokens: Number(row.a_cachedTokens),
                      cost: numberOrNull(row.a_cost),
                      ttftMs: numberOrNull(row.a_ttftMs),
                      latencyMs: Number(row.a_latencyMs),
                      tokensPerSecond: numberOrNull(row.a_tokensPerSecond),
                      retries: Number(row.a_retries),
                      estimated: Boolean(row.a_estimated),
                    } as MetricsRow),
            }),
    }));
}
