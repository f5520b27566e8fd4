import type { ModelMessage } from 'ai';
import type { ChatMessage } from '../types';

/**
 * Our chat history as the SDK's prompt. System messages are gathered into `system`: Anthropic and
 * Gemini accept system text only before the conversation, and a pane's system prompt (or a
 * system note added later) is meant for the whole conversation anyway.
 */
export function toPrompt(messages: ChatMessage[]): { system?: string; messages: ModelMessage[] } {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const turns = messages
    .filter((m) => m.role !== 'system')
    .map((m): ModelMessage =>
      m.role === 'user'
        ? { role: 'user', content: m.content }
        : { role: 'assistant', content: m.content },
    );
  return { ...(system.length ? { system: system.join('\n\n') } : {}), messages: turns };
}
