import { createOpenAI } from '@ai-sdk/openai';

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

export interface OpenAISettings {
  /** e.g. https://api.openai.com/v1 */
  baseUrl: string;
  apiKey: string;
  connectMs: number;
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
}

/**
 * OpenAI's list (fixtures/openai/models.ts in @mlb/test-support) mixes chat models with
 * embeddings, Whisper, TTS, DALL·E / gpt-image, moderation, realtime and audio models and legacy
 * completions models, and says nothing about what each does. Chat-completion models are the
 * gpt-*, o<n>* and chatgpt-* families, less those whose id names another use: realtime and audio
 * (their own endpoints), transcribe/tts (speech), image, instruct (completions only), and search
 * previews (no sampling parameters).
 */
const CHAT_MODEL = /^(gpt-|o\d|chatgpt-)/;
const NOT_CHAT = /(realtime|audio|transcribe|tts|image|search|embedding|instruct)/;
export const isChatModel = (id: string): boolean => CHAT_MODEL.test(id) && !NOT_CHAT.test(id);

/** OpenAI's chat completions API via @ai-sdk/openai (it asks for stream_options.include_usage itself). */
export function createOpenAIAdapter(s: OpenAISettings): ProviderAdapter {
  const context: ErrorContext = {
    providerId: 'openai',
    label: 'OpenAI',
    fixCredentials: 'Check OPENAI_API_KEY in .env and restart the server.',
    fixConnection: `Check that OPENAI_BASE_URL (${s.baseUrl}) is reachable.`,
  };
  const openai = createOpenAI({
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
    languageModel: (modelId) => openai.chat(modelId),
    async listModels(signal) {
      const body = await list(signal);
      return usableModels(context, body.data, (m) => isChatModel(m.id))
        .map((m) => s.describeModel(m.id))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    check: list,
  });
}
