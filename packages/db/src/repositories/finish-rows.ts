import { randomUUID } from 'node:crypto';

import type { FinishedAnswer } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { jsonColumn } from './json-columns';
import { rawSql, type SqlDialect } from './raw-sql';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** AnswerMetrics' columns, as written by an end. */
export const METRIC_COLUMNS = [
  'id',
  'messageId',
  'providerId',
  'modelId',
  'inputTokens',
  'outputTokens',
  'cachedTokens',
  'cost',
  'ttftMs',
  'latencyMs',
  'tokensPerSecond',
  'retries',
  'estimated',
  'createdAt',
] as const;

/** The text columns of an end, set per message (`CASE "id" WHEN … THEN …`). */
const TEXT_COLUMNS = [
  ['content', (a) => a.content],
  ['status', (a) => a.status],
  ['endReason', (a) => a.endReason],
  ['finishReason', (a) => a.finishReason],
  ['errorKind', (a) => a.error?.kind ?? null],
  ['errorMessage', (a) => a.error?.message ?? null],
  ['errorSuggestion', (a) => a.error?.suggestion ?? null],
] as const satisfies readonly (readonly [string, (a: FinishedAnswer) => string | null])[];

function metricValues(
  id: string,
  metrics: NonNullable<FinishedAnswer['metrics']>,
  pg: boolean,
  now: Date,
) {
  // Whole numbers where the columns are integers: timings are often measured fractionally.
  return [
    randomUUID(),
    id,
    metrics.providerId,
    metrics.modelId,
    Math.round(metrics.inputTokens),
    Math.round(metrics.outputTokens),
    Math.round(metrics.cachedTokens),
    metrics.cost,
    metrics.ttftMs === null ? null : Math.round(metrics.ttftMs),
    Math.round(metrics.latencyMs),
    metrics.tokensPerSecond,
    Math.round(metrics.retries),
    // SQLite keeps booleans as 0 and 1.
    pg ? metrics.estimated : metrics.estimated ? 1 : 0,
    now,
  ];
}

/**
 * Writes answers' ends in the caller's transaction: their text, status and error, their metrics
 * (inserted or replaced), and their sessions' updatedAt, with three statements for all of them.
 * Raw SQL and one statement per table rather than per answer, for the same reason as a launch's
 * rows: at load many answers end together, and each statement costs Prisma's CPU on the event
 * loop (through its model queries an end cost five queries; three raw ones per answer were still
 * a few percent of a busy process). Returns the ids written: a message missing from them no
 * longer exists (its session was deleted meanwhile). The ids must differ.
 */
export async function writeFinishes(
  tx: Transaction,
  dialect: SqlDialect,
  ends: readonly { id: string; answer: FinishedAnswer }[],
): Promise<Set<string>> {
  const now = new Date();
  const q = rawSql(dialect);
  const perMessage = (value: (a: FinishedAnswer) => unknown, cast?: string) =>
    `CASE "id" ${ends
      .map(({ id, answer }) => {
        const when = q.arg(id);
        const then = q.arg(value(answer));
        return `WHEN ${when} THEN ${cast ? `CAST(${then} AS ${cast})` : then}`;
      })
      .join(' ')} END`;
  // Order matters: placeholders are numbered as they are added.
  const sets = [
    ...TEXT_COLUMNS.map(([column, value]) => `"${column}" = ${perMessage(value)}`),
    // PostgreSQL types an untyped parameter in a CASE as text: say it is a number.
    `"errorStatus" = ${perMessage((a) => a.error?.status ?? null, 'INTEGER')}`,
  ];
  const cited = ends.filter(({ answer }) => answer.citations !== undefined);
  if (cited.length > 0)
    sets.push(
      `"citations" = CASE "id" ${cited
        .map(({ id, answer }) => `WHEN ${q.arg(id)} THEN ${q.arg(jsonColumn(answer.citations))}`)
        .join(' ')} ELSE "citations" END`,
    );
  sets.push(`"ownerId" = NULL`, `"updatedAt" = ${q.arg(now)}`);
  const updated = await tx.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE ${q.table('Message')} SET ${sets.join(', ')} WHERE "id" IN (${ends.map(({ id }) => q.arg(id)).join(', ')}) RETURNING "id"`,
    ...q.args,
  );
  const found = new Set(updated.map((row) => row.id));
  if (found.size === 0) return found;

  const measured = ends.filter(({ id, answer }) => found.has(id) && answer.metrics);
  if (measured.length > 0) {
    const m = rawSql(dialect);
    const replaced = METRIC_COLUMNS.filter((c) => !['id', 'messageId', 'createdAt'].includes(c))
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(', ');
    const rows = measured.map(
      ({ id, answer }) => `(${metricValues(id, answer.metrics!, m.pg, now).map(m.arg).join(', ')})`,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO ${m.table('AnswerMetrics')} (${METRIC_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${rows.join(', ')} ON CONFLICT ("messageId") DO UPDATE SET ${replaced}`,
      ...m.args,
    );
  }

  const session = rawSql(dialect);
  await tx.$executeRawUnsafe(
    `UPDATE ${session.table('Session')} SET "updatedAt" = ${session.arg(now)} WHERE "id" IN (SELECT p."sessionId" FROM ${session.table('Pane')} p JOIN ${session.table('Message')} m ON m."paneId" = p."id" WHERE m."id" IN (${[...found].map(session.arg).join(', ')}))`,
    ...session.args,
  );
  return found;
}
