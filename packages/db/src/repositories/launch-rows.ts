import type { BroadcastLaunch } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { jsonColumn } from './json-columns';
import { rawSql, type SqlDialect } from './raw-sql';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Writes a launch (session, new panes, broadcast, messages) with one multi-row INSERT per table.
 * Raw SQL because this runs once per broadcast on the event loop while the models think: through
 * Prisma's model queries the same rows cost 5 ms of CPU here, and at load that time is taken
 * from every other stream. Runs inside the caller's transaction.
 */
export async function writeLaunch(
  tx: Transaction,
  dialect: SqlDialect,
  { session, panes, broadcast, messages }: BroadcastLaunch,
): Promise<void> {
  const { table } = rawSql(dialect);
  const statement = () => {
    const { arg, args } = rawSql(dialect);
    return { args, arg, row: (values: unknown[]) => `(${values.map(arg).join(', ')})` };
  };
  const run = (sql: string, args: unknown[]) => tx.$executeRawUnsafe(sql, ...args);

  const now = new Date();
  if (session.isNew) {
    const s = statement();
    await run(
      `INSERT INTO ${table('Session')} ("id", "title", "createdAt", "updatedAt") VALUES ${s.row([session.id, session.title, broadcast.createdAt, now])}`,
      s.args,
    );
  } else {
    const s = statement();
    await run(
      `UPDATE ${table('Session')} SET "updatedAt" = ${s.arg(now)} WHERE "id" = ${s.arg(session.id)}`,
      s.args,
    );
  }
  if (panes.length > 0) {
    const s = statement();
    const rows = panes.map((p) =>
      s.row([
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
    );
    await run(
      `INSERT INTO ${table('Pane')} ("id", "sessionId", "providerId", "modelId", "kind", "params", "systemPrompt", "position", "createdAt") VALUES ${rows.join(', ')}`,
      s.args,
    );
  }
  {
    const s = statement();
    await run(
      `INSERT INTO ${table('Broadcast')} ("id", "sessionId", "prompt", "kind", "budgetUsd", "createdAt") VALUES ${s.row([broadcast.id, session.id, broadcast.prompt, broadcast.kind, broadcast.budgetUsd ?? null, broadcast.createdAt])}`,
      s.args,
    );
  }
  if (messages.length === 0) return;

  // A pane created by this launch has no messages yet: only the others need their last position.
  const created = new Set(panes.map((p) => p.id));
  const existing = [...new Set(messages.map((m) => m.paneId))].filter((id) => !created.has(id));
  const next = new Map<string, number>();
  if (existing.length > 0) {
    const s = statement();
    const last = await tx.$queryRawUnsafe<{ paneId: string; seq: number | bigint | null }[]>(
      `SELECT "paneId", MAX("seq") AS "seq" FROM ${table('Message')} WHERE "paneId" IN (${existing.map(s.arg).join(', ')}) GROUP BY "paneId"`,
      ...s.args,
    );
    for (const row of last) next.set(row.paneId, Number(row.seq ?? -1) + 1);
  }
  const s = statement();
  const rows = messages.map((m) => {
    const seq = next.get(m.paneId) ?? 0;
    next.set(m.paneId, seq + 1);
    return s.row([
      m.id,
      m.paneId,
      m.broadcastId,
      m.role,
      m.content,
      m.status,
      m.ownerId ?? null,
      seq,
      m.source?.paneId ?? null,
      m.source?.messageId ?? null,
      jsonColumn(m.fuse),
      m.createdAt,
      m.createdAt,
    ]);
  });
  await run(
    `INSERT INTO ${table('Message')} ("id", "paneId", "broadcastId", "role", "content", "status", "ownerId", "seq", "sourcePaneId", "sourceMessageId", "fuseRequest", "createdAt", "updatedAt") VALUES ${rows.join(', ')}`,
    s.args,
  );
}
