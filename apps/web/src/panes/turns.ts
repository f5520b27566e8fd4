import type { PaneDetail } from '@mlb/contracts';

/** One prompt broadcast to several panes: shown once, above the panes. */
export interface Turn {
  broadcastId: string;
  /** 1-based, in the order the prompts were sent. */
  number: number;
  prompt: string;
  createdAt: string;
  paneIds: string[];
}

export interface SessionTurns {
  turns: Turn[];
  /** The turn a user message belongs to, when it is shown above the panes instead of in its pane. */
  turnOf: (broadcastId: string | null) => Turn | undefined;
}

/**
 * Groups the chat panes' prompts by broadcast. A prompt that went to two panes or more (or the
 * only chat pane) is a turn of the session; a prompt one pane got alone (send-to, a follow-up to
 * it only) stays in that pane, where its thread differs from the others.
 */
export function sessionTurns(panes: readonly PaneDetail[]): SessionTurns {
  const chat = panes.filter((p) => p.kind === 'chat');
  const groups = new Map<string, { prompt: string; createdAt: string; paneIds: string[] }>();
  for (const pane of chat)
    for (const m of pane.messages) {
      if (m.role !== 'user' || m.broadcastId === null) continue;
      const group = groups.get(m.broadcastId);
      if (group) group.paneIds.push(pane.id);
      else
        groups.set(m.broadcastId, {
          prompt: m.content,
          createdAt: m.createdAt,
          paneIds: [pane.id],
        });
    }
  const turns = [...groups.entries()]
    .filter(([, g]) => g.paneIds.length >= 2 || chat.length === 1)
    .sort(([, a], [, b]) => a.createdAt.localeCompare(b.createdAt))
    .map(([broadcastId, g], i): Turn => ({ broadcastId, number: i + 1, ...g }));
  const byId = new Map(turns.map((t) => [t.broadcastId, t]));
  return { turns, turnOf: (id) => (id === null ? undefined : byId.get(id)) };
}
