import { randomUUID } from 'node:crypto';

import type { FinishedAnswer } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { jsonColumn } from './json-columns';
import { rawSql, type SqlDialect } from './raw-sql';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Writes an answer's end: its text, status and error, its metrics (inserted or replaced), and the
 * session's updatedAt, with three statements in the caller's transaction. Raw SQL for the same
 * reason as a launch's rows: at load many answers end together, and through Prisma's model
 * queries each end cost five queries' CPU on the event loop. Returns false when the message no
 * longer exists (its session was deleted meanwhile).
 */
export async function writeFinish(
  tx: Transaction,
  dialect: SqlDialect,
  id: string,
  { content, status, endReason, finishReason, error, metrics, citations }: FinishedAnswer,
): Promise<boolean> {
  const now = new Date();
  const message = rawSql(dialect);
  const setCitations =
    citations === undefined ? '' : `"citations" = ${message.arg(jsonColumn(citations))}, `;
  const updated = await tx.$executeRawUnsafe(
    `UPDATE ${message.table('Message')} SET ${setCitations}"content" = ${message.arg(content)}, "status" = ${message.arg(status)}, "endReason" = ${message.arg(endReason)}, "finishReason" = ${message.arg(finishReason)}, "ownerId" = NULL, "errorKind" = ${message.arg(error?.kind ?? null)}, "errorMessage" = ${message.arg(error?.message ?? null)}, "errorSuggestion" = ${message.arg(error?.suggestion ?? null)}, "errorStatus" = ${message.arg(error?.status ?? null)}, "updatedAt" = ${message.arg(now)} WHERE "id" = ${message.arg(id)}`,
    ...message.args,
  );
  if (updated === 0) return false;

  if (metrics) {
    const m = rawSql(dialect);
    // Whole numbers where the columns are integers: timings are often measured fractionally.
    const values = [
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
      m.pg ? metrics.estimated : metrics.estimated ? 1 : 0,
      now,
    ];
    const columns = [
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
    ];
    const replaced = columns
      .filter((c) => !['id', 'messageId', 'createdAt'].includes(c))
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(', ');
    await tx.$executeRawUnsafe(
      `INSERT INTO ${m.table('AnswerMetrics')} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${values.map(m.arg).join(', ')}) ON CONFLICT ("messageId") DO UPDATE SET ${replaced}`,
      ...m.args,
    );
  }

  const session = rawSql(dialect);
  await tx.$executeRawUnsafe(
    `UPDATE ${session.table('Session')} SET "updatedAt" = ${session.arg(now)} WHERE "id" = (SELECT p."sessionId" FROM ${session.table('Pane')} p JOIN ${session.table('Message')} m ON m."paneId" = p."id" WHERE m."id" = ${session.arg(id)})`,
    ...session.args,
  );
  return true;
}
