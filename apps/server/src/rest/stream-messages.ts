import type { PaneEvent } from '@mlb/contracts';

import { toSnakeCase, type SnakeCased } from './json-case';

/**
 * One message of `WS /ws/{session_id}`: the original's `{type, pane_id, data}` with its field
 * names (`data.token`, `data.content`, `data.tokens_used`, `data.cost`, `data.message`), plus
 * the event's `id`, with which a client that reconnects gets exactly what it missed.
 */
export type StreamMessage = SnakeCased<PaneEvent> & { id: string };

export function toStreamMessage(id: string, event: PaneEvent): StreamMessage {
  // In the order a reader expects them, whatever order the event was built in.
  const { type, sessionId, paneId, messageId, data } = event;
  return {
    id,
    type,
    session_id: sessionId,
    pane_id: paneId,
    message_id: messageId,
    data: toSnakeCase(data),
  } as StreamMessage;
}

/** Not an event (no id): the session does not exist yet, and the socket waits for it. */
export const waitingMessage = (sessionId: string) => ({
  type: 'waiting' as const,
  session_id: sessionId,
  pane_id: null,
  data: {
    message: `Session "${sessionId}" does not exist yet: its events start here when a broadcast creates it.`,
  },
});

/** Not an event: the stream cannot go on (the socket closes after it). */
export const streamErrorMessage = (
  sessionId: string,
  failure: { code: string; message: string; suggestion: string },
) => ({
  type: 'error' as const,
  session_id: sessionId,
  pane_id: null,
  data: { code: failure.code, message: failure.message, suggestion: failure.suggestion },
});
