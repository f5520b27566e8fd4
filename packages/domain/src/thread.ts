import type { MessageView } from '@mlb/contracts';
import type { ChatMessage } from '@mlb/providers';

/**
 * The conversation a pane's model sees: its own thread, oldest first. Context sent from other
 * panes is given as user turns; failed or empty answers are left out so a retry starts clean.
 */
export function buildChatHistory(
  thread: MessageView[],
  systemPrompt: string | null,
): ChatMessage[] {
  const history: ChatMessage[] = [];
  if (systemPrompt) history.push({ role: 'system', content: systemPrompt });
  for (const message of thread) {
    if (message.role === 'user' || message.role === 'context') {
      const previous = history[history.length - 1];
      // Providers such as Gemini and Anthropic reject two user turns in a row: merge them.
      if (previous?.role === 'user') previous.content = `${previous.content}\n\n${message.content}`;
      else history.push({ role: 'user', content: message.content });
    } else if (
      message.role === 'assistant' &&
      message.content.trim() !== '' &&
      (message.status === 'complete' || message.status === 'stopped')
    ) {
      history.push({ role: 'assistant', content: message.content });
    } else if (message.role === 'system') {
      history.push({ role: 'system', content: message.content });
    }
  }
  return history;
}

/** The thread up to and including its last user turn: what a retry sends again. */
export function threadForRetry(thread: MessageView[]): MessageView[] | null {
  for (let i = thread.length - 1; i >= 0; i -= 1) {
    if (thread[i]!.role === 'user') return thread.slice(0, i + 1);
  }
  return null;
}

export function contextMessage(sourceLabel: string, text: string): string {
  return `Context from ${sourceLabel}:\n\n${text}`;
}
