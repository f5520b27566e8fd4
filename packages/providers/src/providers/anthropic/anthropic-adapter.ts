import { createAnthropic } from '@ai-sdk/anthropic';
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

export interface AnthropicSettings {
  /** e.g. https://api.anthropic.com/v1 */
  baseUrl: string;
  apiKey: string;
  connectMs: number;
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
}

const modelListSchema = z.object({
  data: z.array(z.looseObject({ id: z.string(), display_name: z.string().optional() })),
});

/** The API version the model list is requested with; the SDK sends its own on messages. */
const ANTHROPIC_VERSION = '2023-06-01';

/** Anthropic's Messages API via @ai-sdk/anthropic. */
export function createAnthropicAdapter(s: AnthropicSettings): ProviderAdapter {
  const context: ErrorContext = {
    providerId: 'anthropic',
    label: 'Anthropic',
    fixCredentials: 'Check ANTHROPIC_API_KEY in .env and restart the server.',
    fixConnection: `Check that ANTHROPIC_BASE_URL (${s.baseUrl}) is reachable.`,
  };
  const anthropic = createAnthropic({
    baseURL: s.baseUrl,
    apiKey: s.apiKey,
    fetch: fetchWithConnectTimeout(context, s.connectMs),
  });
  const list = (limit: number, signal?: AbortSignal) =>
    getJson(context, joinUrl(s.baseUrl, `models?limit=${limit}`), {
      headers: { 'x-api-key': s.apiKey, 'anthropic-version': ANTHROPIC_VERSION },
      signal,
      timeoutMs: s.connectMs,
      schema: modelListSchema,
    });
  return createAiSdkAdapter({
    ...context,
    languageModel: (modelId) => anthropic(modelId),
    async listModels(signal) {
      const body = await list(1000, signal);
      // Every model Anthropic lists is a Messages model.
      return usableModels(context, body.data, () => true)
        .map((m) => s.describeModel(m.id, { label: m.display_name }))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    check: (signal) => list(1, signal),
  });
}
