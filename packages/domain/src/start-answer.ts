import type { MessageView, PaneView } from '@mlb/contracts';
import type { ProviderAdapter } from '@mlb/providers';
import type { DomainContext } from './context';
import { buildChatHistory } from './thread';

export interface StartedAnswer {
  paneId: string;
  messageId: string;
}

/**
 * Appends the streaming assistant message after `thread` and starts the run. The pane's thread
 * is read by the caller so retries can send a shortened one.
 */
export async function startAnswer(
  ctx: DomainContext,
  input: { sessionId: string; broadcastId: string; pane: PaneView; thread: MessageView[]; adapter: ProviderAdapter; userMessage?: MessageView },
): Promise<StartedAnswer> {
  const { pane } = input;
  const assistant = await ctx.db.messages.append({ paneId: pane.id, broadcastId: input.broadcastId, role: 'assistant', content: '', status: 'streaming' });
  ctx.hub.publish({
    type: 'status',
    sessionId: input.sessionId,
    paneId: pane.id,
    messageId: assistant.id,
    data: { state: 'queued', pane, ...(input.userMessage ? { userMessage: input.userMessage } : {}) },
  });
  ctx.runs.start(
    { sessionId: input.sessionId, broadcastId: input.broadcastId, pane, messageId: assistant.id, history: buildChatHistory(input.thread, pane.systemPrompt) },
    input.adapter,
  );
  return { paneId: pane.id, messageId: assistant.id };
}
