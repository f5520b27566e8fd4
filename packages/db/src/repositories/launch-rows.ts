import type { BroadcastLaunch } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { jsonColumn } from './json-columns';
import { rawSql, type SqlDialect } from './raw-sql';

type Placeholders = ReturnType<typeof rawSql>;

/** One statement's SQL; its values are in the `Placeholders` it was built with. */
type Build = (q: Placeholders) => string;

const row = (q: Placeholders, values: unknown[]) => `(${values.map(q.arg).join(', ')})`;

/**
 * The statements that write launches (each a session, new panes, a broadcast and messages), one
 * multi-row statement per table for all of them, in an order that satisfies the foreign keys.
 * Several launches at once come from the group commit (launch-batch.ts).
 */
function launchStatements(launches: readonly BroadcastLaunch[], now: Date): Build[] {
  const out: Build[] = [];
  const created = launches.filter((l) => l.session.isNew);
  if (created.length > 0)
    out.push(
      (q) =>
        `INSERT INTO ${q.table('Session')} ("id", "title", "createdAt", "updatedAt") VALUES ${created
          .map(({ session, broadcast }) =>
            row(q, [session.id, session.title, broadcast.createdAt, now]),
          )
          .join(', ')}`,
    );
  const continued = launches.filter((l) => !l.session.isNew);
  if (continued.length > 0)
    out.push(
      (q) =>
        `UPDATE ${q.table('Session')} SET "updatedAt" = ${q.arg(now)} WHERE "id" IN (${continued
          .map((l) => q.arg(l.session.id))
          .join(', ')})`,
    );
  const panes = launches.flatMap((l) => l.panes);
  if (panes.length > 0)
    out.push(
      (q) =>
        `INSERT INTO ${q.table('Pane')} ("id", "sessionId", "providerId", "modelId", "kind", "params", "systemPrompt", "position", "createdAt") VALUES ${panes
          .map((p) =>
            row(q, [
              p.id,
              p.sessionId,
              p.providerId,
              p.modelId,
              p.kind,
              JSON.stringify(p.params),
              p.systemPrompt,
              p.position,
              p.createdAt,
            ]),
          )
          .join(', ')}`,
    );
  out.push(
    (q) =>
      `INSERT INTO ${q.table('Broadcast')} ("id", "sessionId", "prompt", "kind", "budgetUsd", "createdAt") VALUES ${launches
        .map(({ session, broadcast }) =>
          row(q, [
            broadcast.id,
            session.id,
            broadcast.prompt,
            broadcast.kind,
            broadcast.budgetUsd ?? null,
            broadcast.createdAt,
          ]),
        )
        .join(', ')}`,
  );
  const messages = launches.flatMap((l) => l.messages);
  if (messages.length > 0) {
    const createdPanes = new Set(panes.map((p) => p.id));
    out.push((q) => {
      // Each message takes its pane's next seq, computed in the statement (so the write needs no
      // read first): after the pane's last saved message, plus the messages before it in this write.
      const before = new Map<string, number>();
      const seq = (paneId: string) => {
        const k = before.get(paneId) ?? 0;
        before.set(paneId, k + 1);
        // A pane made by this write has no saved messages; `k` is a number this code counted.
        return createdPanes.has(paneId)
          ? String(k)
          : `(SELECT COALESCE(MAX("seq"), -1) + ${k + 1} FROM ${q.table('Message')} WHERE "paneId" = ${q.arg(paneId)})`;
      };
      const rows = messages.map((m) => {
        const values = [
          m.id,
          m.paneId,
          m.broadcastId,
          m.role,
          m.content,
          m.status,
          m.ownerId ?? null,
        ]
          .map(q.arg)
          .join(', ');
        const rest = [
          m.source?.paneId ?? null,
          m.source?.messageId ?? null,
          jsonColumn(m.fuse),
          m.createdAt,
          m.createdAt,
        ];
        return `(${values}, ${seq(m.paneId)}, ${rest.map(q.arg).join(', ')})`;
      });
      return `INSERT INTO ${q.table('Message')} ("id", "paneId", "broadcastId", "role", "content", "status", "ownerId", "seq", "sourcePaneId", "sourceMessageId", "fuseRequest", "createdAt", "updatedAt") VALUES ${rows.join(', ')}`;
    });
  }
  return out;
}

/**
 * Writes launches atomically, in as few requests as each database allows, since this runs once
 * per broadcast on the event loop while the models think and, at load, its time is taken from
 * every other stream (raw SQL: through Prisma's model queries the same rows cost 5 ms of CPU here).
 * - PostgreSQL: one statement, the tables' writes as data-modifying `WITH` clauses: one round
 *   trip to the server instead of BEGIN, five statements and COMMIT, each a round trip and a
 *   socket write (at a burst of launches they were a tenth of a worker's time). Foreign keys are
 *   checked at the statement's end, when every row of it is in.
 * - SQLite: the statements in one batch transaction (one request to Prisma; the driver is
 *   in-process, so there is no round trip to save).
 */
export async function writeLaunches(
  prisma: PrismaClient,
  dialect: SqlDialect,
  launches: readonly BroadcastLaunch[],
): Promise<void> {
  const statements = launchStatements(launches, new Date());
  if (dialect.provider === 'postgresql') {
    const q = rawSql(dialect);
    const sql = statements.map((build) => build(q));
    const last = sql.pop()!;
    const clauses = sql.map((s, i) => `"w${i}" AS (${s})`);
    const text = clauses.length > 0 ? `WITH ${clauses.join(', ')} ${last}` : last;
    await prisma.$executeRawUnsafe(text, ...q.args);
    return;
  }
  await prisma.$transaction(
    statements.map((build) => {
      const q = rawSql(dialect);
      const sql = build(q);
      return prisma.$executeRawUnsafe(sql, ...q.args);
    }),
  );
}
