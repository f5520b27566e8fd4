import type { PrismaClient } from '../generated/sqlite/client';
import type { SessionCursor } from './cursor';
import { rawSql, type SqlDialect } from './raw-sql';

export interface SessionPageQuery {
  after: SessionCursor | null;
  /** Rows to return (callers ask for one more than they show, to know whether a next page exists). */
  take: number;
  search: string | null;
}

/** LIKE treats % and _ as wildcards; a search for "50%" or "snake_case" must match literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * The ids of one page of sessions, newest `updatedAt` first, optionally only those whose title or
 * any message contains `search`, ignoring case. Raw SQL because Prisma's `contains` cannot escape
 * LIKE wildcards on SQLite (no ESCAPE clause); this is also the one place where the providers'
 * SQL differs: PostgreSQL needs ILIKE and `$n` placeholders, SQLite's LIKE already ignores ASCII case.
 */
export async function sessionPageIds(
  prisma: PrismaClient,
  dialect: SqlDialect,
  query: SessionPageQuery,
): Promise<string[]> {
  const { pg, table, arg, args } = rawSql(dialect);
  const like = pg ? 'ILIKE' : 'LIKE';

  const where: string[] = [];
  if (query.after) {
    where.push(
      `(s."updatedAt" < ${arg(query.after.updatedAt)} OR (s."updatedAt" = ${arg(query.after.updatedAt)} AND s."id" < ${arg(query.after.id)}))`,
    );
  }
  if (query.search) {
    const pattern = likePattern(query.search);
    where.push(
      `(s."title" ${like} ${arg(pattern)} ESCAPE '\\' OR EXISTS (SELECT 1 FROM ${table('Message')} m JOIN ${table('Pane')} p ON p."id" = m."paneId" ` +
        `WHERE p."sessionId" = s."id" AND m."content" ${like} ${arg(pattern)} ESCAPE '\\'))`,
    );
  }
  const sql =
    `SELECT s."id" AS "id" FROM ${table('Session')} s ${where.length ? `WHERE ${where.join(' AND ')} ` : ''}` +
    `ORDER BY s."updatedAt" DESC, s."id" DESC LIMIT ${arg(query.take)}`;
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(sql, ...args);
  return rows.map((row) => row.id);
}
