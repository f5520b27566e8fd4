import { createGroq } from '@ai-sdk/groq';

import type { ModelInfo } from '@mlb/contracts';

import { createAiSdkAdapter } from '../../ai-sdk/ai-sdk-adapter';
import type { ErrorContext } from '../../errors/error-context';
import { fetchWithConnectTimeout } from '../../http/connect-timeout-fetch';
import { getJson } from '../../http/get-json';
import { joinUrl } from '../../http/join-url';
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

/** Groq via @ai-sdk/groq, which reads usage from `x_groq.usage` on the last chunk. */
export function createGroqAdapter(s: GroqSettings): ProviderAdapter {
  const context: ErrorContext = {
    providerId: 'groq',
    label: 'Groq',
    fixCredentials:
      'Check GROQ_API_KEY in .env (a key from console.groq.com) and restart the server.',
    fixConnection: `Check that GROQ_BASE_URL (${s.baseUrl}) is reachable.`,
  };
  const groq = createGroq({
    baseURL: s.baseUrl,
    apiKey: s.apiKey,
    fetch: fetchWithConnectTimeout(context, s.connectMs),
  });
  const list = (signal?: AbortSignal) =>
    getJson(context, joinUrl(s.baseUrl, 'models'), {
      headers: { authorization: `Bearer ${s.apiKey}` },
      signal,
      timeoutMs: s.connectMs,
      schema: openAIModelListSchema,
    });
  return createAiSdkAdapter({
    ...context,
    languageModel: (modelId) => groq(modelId),
    async listModels(signal) {
      const body = await list(signal);
      return usableModels(context, body.data, (m) => m.active !== false && !NOT_CHAT.test(m.id))
        .map((m) => s.describeModel(m.id, { contextWindow: m.context_window }))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    check: list,
  });
}
