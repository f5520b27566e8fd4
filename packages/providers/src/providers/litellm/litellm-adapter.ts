import { z } from 'zod';

import type { ModelInfo } from '@mlb/contracts';

import type { ErrorContext } from '../../errors/error-context';
import { getJson } from '../../http/get-json';
import { joinUrl } from '../../http/join-url';
import type { ModelFacts } from '../../provider-definition';
import type { ProviderAdapter } from '../../types';
import { createOpenAICompatibleAdapter } from '../openai-compatible/openai-compatible-adapter';

export interface LiteLLMSettings {
  /** The proxy's address, with or without /v1 (it serves both). */
  baseUrl: string;
  masterKey?: string | undefined;
  connectMs: number;
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
}

/** A LiteLLM proxy: OpenAI chat completions, bearer master key, health at /health/liveliness. */
export function createLiteLLMAdapter(s: LiteLLMSettings): ProviderAdapter {
  const context: ErrorContext = {
    providerId: 'litellm',
    label: 'LiteLLM',
    fixCredentials:
      'Check LITELLM_MASTER_KEY in .env (the proxy’s master or virtual key) and restart the server.',
    fixConnection: `Check that the LiteLLM proxy is running at LITELLM_BASE_URL (${s.baseUrl}).`,
  };
  // Liveliness sits at the proxy's root, not under /v1; it needs no key and does not call any model.
  const root = s.baseUrl.replace(/\/v1$/, '');
  return createOpenAICompatibleAdapter({
    context,
    baseUrl: s.baseUrl,
    apiKey: s.masterKey,
    connectMs: s.connectMs,
    describeModel: s.describeModel,
    check: (signal) =>
      getJson(context, joinUrl(root, 'health/liveliness'), {
        signal,
        timeoutMs: s.connectMs,
        schema: z.unknown(),
      }),
  });
}
