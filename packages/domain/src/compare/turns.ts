import type { MessageView, PaneDetail } from '@mlb/contracts';

/** A pane's part in one turn: the prompt it was given and its latest answer to it. */
export interface PaneTurn {
  prompt: MessageView;
  /** A retry adds an answer after the one it retries: the last one counts. */
  answer: MessageView | null;
}

/**
 * Each turn (by the broadcast id of its user message) with every pane's part in it. An answer
 * belongs to the turn of the user message before it in its pane's thread, so a retry (a broadcast
 * of its own, without a user message) joins the turn it retried.
 */
export function turnsOf(panes: readonly PaneDetail[]): Map<string, Map<string, PaneTurn>> {
  const turns = new Map<string, Map<string, PaneTurn>>();
  for (const pane of panes) {
    let current: PaneTurn | null = null;
    for (const message of pane.messages) {
      if (message.role === 'user') {
        current = null;
        if (message.broadcastId === null) continue;
        current = { prompt: message, answer: null };
        const turn = turns.get(message.broadcastId) ?? new Map<string, PaneTurn>();
        turn.set(pane.id, current);
        turns.set(message.broadcastId, turn);
      } else if (message.role === 'assistant' && current) {
        current.answer = message;
      }
    }
  }
  return turns;
}

/** An answer a fusion can use: ended, with text. */
export const isUsableAnswer = (message: MessageView | null): message is MessageView =>
  message !== null &&
  message.role === 'assistant' &&
  message.status !== 'streaming' &&
  message.content.trim() !== '';
