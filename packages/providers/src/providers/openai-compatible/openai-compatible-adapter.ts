import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { z } from 'zod';

import type { ModelInfo } from '@mlb/contracts';

import { createAiSdkAdapter } from '../../ai-sdk/ai-sdk-adapter';
import type { ErrorContext } from '../../errors/error-context';
import { fetchWithConnectTimeout } from '../../http/connect-timeout-fetch';
import { getJson } from '../../http/get-json';
import { joinUrl } from '../../http/join-url';
import { usableModels } from '../../models/usable-models';
import type { ModelFacts } from '../../provider-definition';
import type { ProviderAdapter } from '../../types';
import { looksLikeChatModel } from './chat-model-ids';

export interface OpenAICompatibleSettings {
  context: ErrorContext;
  /** Where `/chat/completions` and `/models` live, e.g. http://localhost:4000/v1. */
  baseUrl: string;
  apiKey?: string | undefined;
  connectMs: number;
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
  /** The model list, when not `GET {baseUrl}/models`. */
  listModels?: (signal?: AbortSignal) => Promise<ModelInfo[]>;
  /** The health check, when not listing models. */
  check?: (signal?: AbortSignal) => Promise<unknown>;
}

export const openAIModelListSchema = z.object({
  data: z.array(
    z.looseObject({
      id: z.string(),
      context_window: z.number().optional(),
      active: z.boolean().optional(),
    }),
  ),
});

/** Anything that speaks OpenAI's chat completions: LiteLLM, Ollama, OpenRouter, vLLM, LM Studio… */
export function createOpenAICompatibleAdapter(s: OpenAICompatibleSettings): ProviderAdapter {
  const headers: Record<string, string> = s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {};
  const provider = createOpenAICompatible({
    name: s.context.providerId,
    baseURL: s.baseUrl,
    ...(s.apiKey ? { apiKey: s.apiKey } : {}),
    // Without stream_options.include_usage these servers send no token counts at all.
    includeUsage: true,
    fetch: fetchWithConnectTimeout(s.context, s.connectMs),
  });
  const listFromApi = async (signal?: AbortSignal) => {
    const body = await getJson(s.context, joinUrl(s.baseUrl, 'models'), {
      headers,
      signal,
      timeoutMs: s.connectMs,
      schema: openAIModelListSchema,
    });
    return usableModels(s.context, body.data, (m) => looksLikeChatModel(m.id))
      .map((m) => s.describeModel(m.id, { contextWindow: m.context_window }))
      .sort((a, b) => a.id.localeCompare(b.id));
  };
  const listModels = s.listModels ?? listFromApi;
  return createAiSdkAdapter({
    ...s.context,
    languageModel: (modelId) => provider.chatModel(modelId),
    listModels,
    check: s.check ?? listModels,
  });
}
