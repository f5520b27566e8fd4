import type { ModelInfo } from '@mlb/contracts';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { fetchWithConnectTimeout } from '../core/map-error';
import type { ErrorContext } from '../core/provider-error';
import type { ProviderAdapter } from '../core/types';
import { createAiSdkAdapter } from './ai-sdk-adapter';
import { getJson, joinUrl } from './http-json';

export interface OpenAICompatibleSettings extends ErrorContext {
  baseUrl: string;
  apiKey: string | undefined;
  connectMs: number;
  /** Fixed model list when the endpoint has no /models route. */
  models?: string[];
  modelInfo: (modelId: string, raw: Record<string, unknown>) => ModelInfo;
  healthUrl?: string;
}

/** LiteLLM, Ollama, OpenRouter, vLLM, LM Studio…: anything that speaks OpenAI chat completions. */
export function createOpenAICompatibleAdapter(s: OpenAICompatibleSettings): ProviderAdapter {
  const headers: Record<string, string> = s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {};
  const provider = createOpenAICompatible({
    name: s.providerId,
    baseURL: s.baseUrl,
    ...(s.apiKey ? { apiKey: s.apiKey } : {}),
    // Without this, LiteLLM and most compatible servers send no usage at all.
    includeUsage: true,
    fetch: fetchWithConnectTimeout(s.connectMs),
  });
  const listModels = async (signal?: AbortSignal): Promise<ModelInfo[]> => {
    if (s.models) return s.models.map((id) => s.modelInfo(id, {}));
    const body = await getJson<{ data?: Record<string, unknown>[] }>(s, joinUrl(s.baseUrl, 'models'), headers, signal);
    return (body.data ?? []).map((m) => s.modelInfo(String(m.id), m)).sort((a, b) => a.id.localeCompare(b.id));
  };
  return createAiSdkAdapter({
    ...s,
    model: (modelId) => provider.chatModel(modelId),
    listModels,
    ...(s.healthUrl ? { healthCheck: async (signal?: AbortSignal) => {
          await getJson(s, s.healthUrl!, headers, signal);
        }, } : {}),
  });
}
