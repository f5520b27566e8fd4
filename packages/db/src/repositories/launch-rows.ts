import type { BroadcastLaunch } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { jsonColumn } from './json-columns';
import { rawSql, type SqlDialect } from './raw-sql';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Writes launches (each a session, new panes, a broadcast and messages) with one multi-row
 * statement per table for all of them. Raw SQL because this runs once per broadcast on the event
 * loop while the models think: through Prisma's model queries the same rows cost 5 ms of CPU
 * here, and at load that time is taken from every other stream. Several launches at once come
 * from the group commit (see broadcasts.ts). Runs inside the caller's transaction.
 */
export async function writeLaunches(
  tx: Transaction,
  dialect: SqlDialect,
  launches: readonly BroadcastLaunch[],
): Promise<void> {
  const { table } = rawSql(dialect);
  const statement = () => {
    const { arg, args } = rawSql(dialect);
    return { args, arg, row: (values: unknown[]) => `(${values.map(arg).join(', ')})` };
  };
  const run = (sql: string, args: unknown[]) => tx.$executeRawUnsafe(sql, ...args);

  const now = new Date();
  const created = launches.filter((l) => l.session.isNew);
  if (created.length > 0) {
    const s = statement();
    const rows = created.map(({ session, broadcast }) =>
      s.row([session.id, session.title, broadcast.createdAt, now]),
    );
    await run(
      `INSERT INTO ${table('Session')} ("id", "title", "createdAt", "updatedAt") VALUES ${rows.join(', ')}`,
      s.args,
    );
  }
  const continued = launches.filter((l) => !l.session.isNew);
  if (continued.length > 0) {
    const s = statement();
    const at = s.arg(now);
    await run(
      `UPDATE ${table('Session')} SET "updatedAt" = ${at} WHERE "id" IN (${continued.map((l) => s.arg(l.session.id)).join(', ')})`,
      s.args,
    );
  }
  const panes = launches.flatMap((l) => l.panes);
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
    const rows = launches.map(({ session, broadcast }) =>
      s.row([
        broadcast.id,
        session.id,
        broadcast.prompt,
        broadcast.kind,
        broadcast.budgetUsd ?? null,
        broadcast.createdAt,
      ]),
    );
    await run(
      `INSERT INTO ${table('Broadcast')} ("id", "sessionId", "prompt", "kind", "budgetUsd", "createdAt") VALUES ${rows.join(', ')}`,
      s.args,
    );
  }
  const messages = launches.flatMap((l) => l.messages);
  if (messages.length === 0) return;

  // A pane created by these launches has no messages yet: only the others need their last position.
  const createdPanes = new Set(panes.map((p) => p.id));
  const existing = [...new Set(messages.map((m) => m.paneId))].filter(
    (id) => !createdPanes.has(id),
  );
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
