import type { ModelInfo } from '@mlb/contracts';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { fetchWithConnectTimeout } from '../core/map-error';
import type { ErrorContext } from '../core/provider-error';
import type { ProviderAdapter } from '../core/types';
import { createAiSdkAdapter } from './ai-sdk-adapter';
import { getJson, joinUrl } from './http-json';

interface GeminiModel {
  name: string;
  displayName?: string;
  inputTokenLimit?: number;
  supportedGenerationMethods?: string[];
}

/** Gemini via @ai-sdk/google (`streamGenerateContent?alt=sse`); models from the API's own list. */
export function createGoogleAdapter(s: { baseUrl: string; apiKey: string; connectMs: number; modelInfo: (id: string, label?: string, contextWindow?: number) => ModelInfo }): ProviderAdapter {
  const ctx: ErrorContext = { providerId: 'google', label: 'Google Gemini', keyVariable: 'GOOGLE_API_KEY', baseUrlVariable: 'GOOGLE_BASE_URL' };
  const google = createGoogleGenerativeAI({ baseURL: s.baseUrl, apiKey: s.apiKey, fetch: fetchWithConnectTimeout(s.connectMs) });
  return createAiSdkAdapter({
    ...ctx,
    model: (modelId) => google(modelId),
    listModels: async (signal) => {
      const body = await getJson<{ models?: GeminiModel[] }>(ctx, joinUrl(s.baseUrl, 'models?pageSize=1000'), { 'x-goog-api-key': s.apiKey }, signal);
      return (body.models ?? [])
        .filter((m) => m.supportedGenerationMethods?.includes('streamGenerateContent') ?? true)
        .map((m) => s.modelInfo(m.name.replace(/^models\//, ''), m.displayName, m.inputTokenLimit))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
  });
}
