import type { ExportedMessage, SessionDetail, SessionExport, VoteView } from '@mlb/contracts';
import type { BroadcastInfo } from '@mlb/db';

/**
 * A session as a JSON export (the format sessions.import reads): every pane with its thread, the
 * broadcasts the messages name, and the votes. With `paneIds`, only those panes (a fork), the
 * broadcasts their messages name, and no votes.
 */
export function sessionDocument(
  session: SessionDetail,
  broadcasts: readonly BroadcastInfo[],
  votes: readonly VoteView[],
  options: { paneIds?: readonly string[]; now?: Date } = {},
): SessionExport {
  const panes = options.paneIds
    ? session.panes.filter((p) => options.paneIds!.includes(p.id))
    : session.panes;
  const used = new Set(panes.flatMap((p) => p.messages.map((m) => m.broadcastId)));
  return {
    format: 'broadcast-workspace/session',
    version: 1,
    exportedAt: (options.now ?? new Date()).toISOString(),
    session: {
      title: session.title,
      createdAt: session.createdAt,
      budgetUsd: session.budgetUsd ?? null,
    },
    panes: panes.map((pane) => ({
      id: pane.id,
      providerId: pane.providerId,
      modelId: pane.modelId,
      kind: pane.kind,
      params: pane.params,
      systemPrompt: pane.systemPrompt,
      position: pane.position,
      createdAt: pane.createdAt,
      messages: pane.messages.map((m): ExportedMessage => ({
        id: m.id,
        broadcastId: m.broadcastId,
        role: m.role,
        content: m.content,
        status: m.status,
        endReason: m.endReason,
        finishReason: m.finishReason,
        error: m.error && {
          kind: m.error.kind,
          message: m.error.message,
          suggestion: m.error.suggestion,
          ...(m.error.status === undefined ? {} : { status: m.error.status }),
        },
        metrics: m.metrics,
        source: m.source ?? null,
        citations: m.citations ?? null,
        fuse: m.fuse ?? null,
        createdAt: m.createdAt,
      })),
    })),
    broadcasts: broadcasts
      .filter((b) => !options.paneIds || used.has(b.id))
      .map((b) => ({
        id: b.id,
        prompt: b.prompt,
        kind: b.kind,
        budgetUsd: b.budgetUsd,
        createdAt: b.createdAt,
      })),
    votes: options.paneIds
      ? []
      : votes.map((v) => ({
          broadcastId: v.broadcastId,
          kind: v.kind,
          entries: v.entries.map((e) => ({ paneId: e.paneId, rank: e.rank })),
          createdAt: v.createdAt,
        })),
  };
}
