import type { ModelInfo } from '@mlb/contracts';
import { createAnthropic } from '@ai-sdk/anthropic';
import { fetchWithConnectTimeout } from '../core/map-error';
import type { ErrorContext } from '../core/provider-error';
import type { ProviderAdapter } from '../core/types';
import { createAiSdkAdapter } from './ai-sdk-adapter';
import { getJson, joinUrl } from './http-json';

export function createAnthropicAdapter(s: { baseUrl: string; apiKey: string; connectMs: number; modelInfo: (id: string, label?: string) => ModelInfo }): ProviderAdapter {
  const ctx: ErrorContext = { providerId: 'anthropic', label: 'Anthropic', keyVariable: 'ANTHROPIC_API_KEY', baseUrlVariable: 'ANTHROPIC_BASE_URL' };
  const anthropic = createAnthropic({ baseURL: s.baseUrl, apiKey: s.apiKey, fetch: fetchWithConnectTimeout(s.connectMs) });
  return createAiSdkAdapter({
    ...ctx,
    model: (modelId) => anthropic(modelId),
    listModels: async (signal) => {
      const body = await getJson<{ data?: { id: string; display_name?: string }[] }>(ctx, joinUrl(s.baseUrl, 'models'), { 'x-api-key': s.apiKey, 'anthropic-version': '2023-06-01' }, signal);
      return (body.data ?? []).map((m) => s.modelInfo(m.id, m.display_name)).sort((a, b) => a.id.localeCompare(b.id));
    },
  });
}
