import type { PrismaClient } from '../generated/sqlite/client';
import type { SqlDialect } from './session-page';

/** Rows per statement: two parameters each stay well under SQLite's and PostgreSQL's limits. */
export const UPDATE_BATCH = 500;

/**
 * Saves the text so far of many streaming answers in one UPDATE. Raw SQL because Prisma has no
 * multi-row update with a different value per row, and one statement instead of one query per
 * answer is what keeps this cheap when hundreds of answers stream at once (Prisma's per-query
 * CPU runs on the event loop). Only rows still "streaming" change: a final save is never undone.
 */
export async function updateStreaming(prisma: PrismaClient, dialect: SqlDialect, updates: { id: string; content: string }[]): Promise<void> {
  if (updates.length === 0) return;
  const pg = dialect.provider === 'postgresql';
  const table = pg && dialect.schema ? `"${dialect.schema.replaceAll('"', '""')}"."Message"` : '"Message"';
  const args: unknown[] = [];
  const arg = (value: unknown) => {
    args.push(value);
    return pg ? `$${args.length}` : '?';
  };
  // In the order they appear in the statement: SQLite's `?` are positional.
  const cases = updates.map((u) => `WHEN ${arg(u.id)} THEN ${arg(u.content)}`).join(' ');
  const updatedAt = arg(new Date());
  const ids = updates.map((u) => arg(u.id)).join(', ');
  await prisma.$executeRawUnsafe(
    `UPDATE ${table} SET "content" = CASE "id" ${cases} END, "updatedAt" = ${updatedAt} WHERE "id" IN (${ids}) AND "status" = 'streaming'`,
    ...args,
  );
}
