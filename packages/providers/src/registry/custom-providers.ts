import { z } from 'zod';

import type { ErrorContext } from '../errors/error-context';
import { ProviderError } from '../errors/provider-error';
import { getJson } from '../http/get-json';
import { joinUrl } from '../http/join-url';
import type { ProviderDefinition } from '../provider-definition';
import { createOpenAICompatibleAdapter } from '../providers/openai-compatible/openai-compatible-adapter';
import type { CustomProviderConfig } from './env';

/** The README line for custom providers, beside the built-in ones. */
export const CUSTOM_PROVIDER_DOCS = {
  what: 'any OpenAI-compatible endpoint (OpenRouter, vLLM, LM Studio…)',
  configuredBy: '`OPENAI_COMPATIBLE_PROVIDERS`',
  builtOn: 'chat completions (`streamChatCompletions`)',
};

/** Each entry of OPENAI_COMPATIBLE_PROVIDERS as a provider of its own. */
export function customProviders(entries: CustomProviderConfig[]): ProviderDefinition[] {
  return entries.map((entry) => {
    const label = entry.label ?? entry.id;
    const context: ErrorContext = {
      providerId: entry.id,
      label,
      fixCredentials: `Check the apiKey of "${entry.id}" in OPENAI_COMPATIBLE_PROVIDERS (.env) and restart the server.`,
      fixConnection: `Check the baseUrl of "${entry.id}" in OPENAI_COMPATIBLE_PROVIDERS (${entry.baseUrl}) and that its server is running.`,
    };
    const fixed = entry.models;
    return {
      id: entry.id,
      label,
      // Configured by OPENAI_COMPATIBLE_PROVIDERS as a whole (see CUSTOM_PROVIDER_VARIABLES).
      env: {},
      docs: CUSTOM_PROVIDER_DOCS,
      missing: () => null,
      create: ({ connectMs: timeoutMs, describeModel }) => {
        const headers: Record<string, string> = entry.apiKey
          ? { authorization: `Bearer ${entry.apiKey}` }
          : {};
        return createOpenAICompatibleAdapter({
          context,
          baseUrl: entry.baseUrl,
          apiKey: entry.apiKey,
          connectMs: timeoutMs,
          describeModel,
          ...(fixed
            ? {
                listModels: async () => fixed.map((id) => describeModel(id)),
                // An endpoint given a fixed model list may have no /models route: reachable and
                // not refusing the key counts as healthy.
                check: (signal?: AbortSignal) =>
                  getJson(context, joinUrl(entry.baseUrl, 'models'), {
                    headers,
                    signal,
                    timeoutMs,
                    schema: z.unknown(),
                  }).catch((error: unknown) => {
                    if (!(error instanceof ProviderError && error.status === 404)) throw error;
                  }),
              }
            : {}),
        });
      },
    };
  });
}
