import type { PrismaClient } from '../generated/sqlite/client';
import { rawSql, type SqlDialect } from './raw-sql';

/** Rows per statement: two parameters each stay well under SQLite's and PostgreSQL's limits. */
export const UPDATE_BATCH = 500;

/**
 * Saves the text so far of many streaming answers in one UPDATE. Raw SQL because Prisma has no
 * multi-row update with a different value per row, and one statement instead of one query per
 * answer is what keeps this cheap when hundreds of answers stream at once (Prisma's per-query
 * CPU runs on the event loop). Only rows still "streaming" change: a final save is never undone.
 */
export async function updateStreaming(
  prisma: PrismaClient,
  dialect: SqlDialect,
  updates: { id: string; content: string }[],
): Promise<void> {
  if (updates.length === 0) return;
  const { table, arg, args } = rawSql(dialect);
  // In the order they appear in the statement: SQLite's `?` are positional.
  const cases = updates.map((u) => `WHEN ${arg(u.id)} THEN ${arg(u.content)}`).join(' ');
  const updatedAt = arg(new Date());
  const ids = updates.map((u) => arg(u.id)).join(', ');
  await prisma.$executeRawUnsafe(
    `UPDATE ${table('Message')} SET "content" = CASE "id" ${cases} END, "updatedAt" = ${updatedAt} WHERE "id" IN (${ids}) AND "status" = 'streaming'`,
    ...args,
  );
}
