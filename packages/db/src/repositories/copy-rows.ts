import type { SessionCopy } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { jsonColumn } from './json-columns';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Writes a copied session (import, fork) inside the caller's transaction: one createMany per table,
 * ids as given. Runs rarely and off the streaming path, so Prisma's model queries are fine here.
 */
export async function writeCopy(tx: Transaction, copy: SessionCopy): Promise<void> {
  const { session, panes, broadcasts, messages, votes, copiedAt } = copy;
  await tx.session.create({
    data: {
      id: session.id,
      title: session.title,
      budgetUsd: session.budgetUsd,
      createdAt: session.createdAt,
    },
  });
  if (panes.length > 0)
    await tx.pane.createMany({
      data: panes.map((p) => ({
        id: p.id,
        sessionId: session.id,
        providerId: p.providerId,
        modelId: p.modelId,
        kind: p.kind,
        params: JSON.stringify(p.params),
        systemPrompt: p.systemPrompt,
        position: p.position,
        createdAt: p.createdAt,
      })),
    });
  if (broadcasts.length > 0)
    await tx.broadcast.createMany({
      data: broadcasts.map((b) => ({
        id: b.id,
        sessionId: session.id,
        prompt: b.prompt,
        kind: b.kind,
        budgetUsd: b.budgetUsd,
        createdAt: b.createdAt,
      })),
    });
  const seqs = new Map<string, number>();
  if (messages.length > 0)
    await tx.message.createMany({
      data: messages.map((m) => {
        const seq = seqs.get(m.paneId) ?? 0;
        seqs.set(m.paneId, seq + 1);
        return {
          id: m.id,
          paneId: m.paneId,
          broadcastId: m.broadcastId,
          seq,
          role: m.role,
          content: m.content,
          status: m.status,
          endReason: m.endReason,
          finishReason: m.finishReason,
          errorKind: m.error?.kind ?? null,
          errorMessage: m.error?.message ?? null,
          errorSuggestion: m.error?.suggestion ?? null,
          errorStatus: m.error?.status ?? null,
          sourcePaneId: m.source?.paneId ?? null,
          sourceMessageId: m.source?.messageId ?? null,
          citations: jsonColumn(m.citations),
          fuseRequest: jsonColumn(m.fuse),
          copiedAt,
          createdAt: m.createdAt,
          updatedAt: m.createdAt,
        };
      }),
    });
  const metrics = messages.flatMap(({ id, metrics, createdAt }) =>
    metrics ? [{ messageId: id, metrics, createdAt }] : [],
  );
  if (metrics.length > 0)
    await tx.answerMetrics.createMany({
      data: metrics.map(({ messageId, metrics: m, createdAt }) => ({
        messageId,
        providerId: m.providerId,
        modelId: m.modelId,
        inputTokens: Math.round(m.inputTokens),
        outputTokens: Math.round(m.outputTokens),
        cachedTokens: Math.round(m.cachedTokens),
        cost: m.cost,
        ttftMs: m.ttftMs === null ? null : Math.round(m.ttftMs),
        latencyMs: Math.round(m.latencyMs),
        tokensPerSecond: m.tokensPerSecond,
        retries: Math.round(m.retries),
        estimated: m.estimated,
        createdAt,
      })),
    });
  if (votes.length > 0) {
    await tx.vote.createMany({
      data: votes.map((v) => ({
        id: v.id,
        sessionId: session.id,
        broadcastId: v.broadcastId,
        kind: v.kind,
        createdAt: v.createdAt,
      })),
    });
    await tx.voteEntry.createMany({
      data: votes.flatMap((v) =>
        v.entries.map((e) => ({
          voteId: v.id,
          paneId: e.paneId,
          providerId: e.providerId,
          modelId: e.modelId,
          rank: e.rank,
        })),
      ),
    });
  }
}
