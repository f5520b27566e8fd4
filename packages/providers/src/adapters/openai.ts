import type { ModelInfo } from '@mlb/contracts';
import { createOpenAI } from '@ai-sdk/openai';
import { fetchWithConnectTimeout } from '../core/map-error';
import type { ErrorContext } from '../core/provider-error';
import type { ProviderAdapter } from '../core/types';
import { createAiSdkAdapter } from './ai-sdk-adapter';
import { getJson, joinUrl } from './http-json';

/** OpenAI's chat completions API (stream_options.include_usage is set by the SDK). */
export function createOpenAIAdapter(s: { baseUrl: string; apiKey: string; connectMs: number; modelInfo: (id: string) => ModelInfo }): ProviderAdapter {
  const ctx: ErrorContext = { providerId: 'openai', label: 'OpenAI', keyVariable: 'OPENAI_API_KEY', baseUrlVariable: 'OPENAI_BASE_URL' };
  const openai = createOpenAI({ baseURL: s.baseUrl, apiKey: s.apiKey, fetch: fetchWithConnectTimeout(s.connectMs) });
  return createAiSdkAdapter({
    ...ctx,
    model: (modelId) => openai.chat(modelId),
    listModels: async (signal) => {
      const body = await getJson<{ data?: { id: string }[] }>(ctx, joinUrl(s.baseUrl, 'models'), { authorization: `Bearer ${s.apiKey}` }, signal);
      return (body.data ?? []).map((m) => s.modelInfo(m.id)).sort((a, b) => a.id.localeCompare(b.id));
    },
  });
}
