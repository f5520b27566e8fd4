import type { LanguageModelV3Prompt } from '@ai-sdk/provider';

import type { ChatMessage } from '../types';

/**
 * Our chat history as the provider packages' prompt. System messages are gathered into one
 * leading system message: Anthropic and Gemini accept system text only before the conversation,
 * and a pane's system prompt (or a system note added later) is meant for the whole conversation.
 */
export function toPrompt(messages: ChatMessage[]): LanguageModelV3Prompt {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const prompt: LanguageModelV3Prompt = system.length
    ? [{ role: 'system', content: system.join('\n\n') }]
    : [];
  for (const m of messages) {
    if (m.role === 'user')
      prompt.push({ role: 'user', content: [{ type: 'text', text: m.content }] });
    else if (m.role === 'assistant')
      prompt.push({ role: 'assistant', content: [{ type: 'text', text: m.content }] });
  }
  return prompt;
}
