import type { ModelInfo } from '@mlb/contracts';
import { createGroq } from '@ai-sdk/groq';
import { fetchWithConnectTimeout } from '../core/map-error';
import type { ErrorContext } from '../core/provider-error';
import type { ProviderAdapter } from '../core/types';
import { createAiSdkAdapter } from './ai-sdk-adapter';
import { getJson, joinUrl } from './http-json';

/** Groq via @ai-sdk/groq, which reads usage from `x_groq.usage` on the last chunk. */
export function createGroqAdapter(s: { baseUrl: string; apiKey: string; connectMs: number; modelInfo: (id: string, contextWindow?: number) => ModelInfo }): ProviderAdapter {
  const ctx: ErrorContext = { providerId: 'groq', label: 'Groq', keyVariable: 'GROQ_API_KEY', baseUrlVariable: 'GROQ_BASE_URL' };
  const groq = createGroq({ baseURL: s.baseUrl, apiKey: s.apiKey, fetch: fetchWithConnectTimeout(s.connectMs) });
  return createAiSdkAdapter({
    ...ctx,
    model: (modelId) => groq(modelId),
    listModels: async (signal) => {
      const body = await getJson<{ data?: { id: string; context_window?: number; active?: boolean }[] }>(ctx, joinUrl(s.baseUrl, 'models'), { authorization: `Bearer ${s.apiKey}` }, signal);
      return (body.data ?? []).filter((m) => m.active !== false).map((m) => s.modelInfo(m.id, m.context_window)).sort((a, b) => a.id.localeCompare(b.id));
    },
  });
}
