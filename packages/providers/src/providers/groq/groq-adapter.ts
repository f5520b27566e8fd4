import type { ModelInfo } from '@mlb/contracts';

import { streamChatCompletions } from '../../chat-completions/chat-completions-stream';
import type { ErrorContext } from '../../errors/error-context';
import { getJson } from '../../http/get-json';
import { joinUrl } from '../../http/join-url';
import { measureHealth } from '../../http/measure-health';
import { usableModels } from '../../models/usable-models';
import type { ModelFacts } from '../../provider-definition';
import type { ProviderAdapter } from '../../types';
import { openAIModelListSchema } from '../openai-compatible/openai-compatible-adapter';

export interface GroqSettings {
  /** e.g. https://api.groq.com/openai/v1 */
  baseUrl: string;
  apiKey: string;
  connectMs: number;
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
}

/**
 * Groq's list (fixtures/groq/models.ts in @mlb/test-support) holds speech-to-text (Whisper),
 * text-to-speech (PlayAI, Orpheus) and moderation models (Llama Guard, Prompt Guard: they answer
 * "safe"/"unsafe", not the prompt) beside chat models; only their ids tell them apart.
 */
const NOT_CHAT = /whisper|tts|orpheus|guard/i;

/** Groq: OpenAI's chat completions, with usage in `x_groq.usage` on the last chunk. */
export function createGroqAdapter(s: GroqSettings): ProviderAdapter {
  const context: ErrorContext = {
    providerId: 'groq',
    label: 'Groq',
    fixCredentials:
      'Check GROQ_API_KEY in .env (a key from console.groq.com) and restart the server.',
    fixConnection: `Check that GROQ_BASE_URL (${s.baseUrl}) is reachable.`,
  };
  const headers = { authorization: `Bearer ${s.apiKey}` };
  const list = (signal?: AbortSignal) =>
    getJson(context, joinUrl(s.baseUrl, 'models'), {
      headers,
      signal,
      timeoutMs: s.connectMs,
      schema: openAIModelListSchema,
    });
  return {
    id: context.providerId,
    label: context.label,
    simulated: false,
    stream: streamChatCompletions({ context, baseUrl: s.baseUrl, headers, connectMs: s.connectMs }),
    async listModels(signal) {
      const body = await list(signal);
      return usableModels(context, body.data, (m) => m.active !== false && !NOT_CHAT.test(m.id))
        .map((m) => s.describeModel(m.id, { contextWindow: m.context_window }))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    health: (signal) => measureHealth(context, () => list(signal)),
  };
}
