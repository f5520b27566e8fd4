import { z } from 'zod';

import type { ErrorContext } from '../../errors/error-context';
import { ProviderError } from '../../errors/provider-error';
import { getJson } from '../../http/get-json';
import { joinUrl } from '../../http/join-url';
import type { CustomProviderConfig } from '../../registry/env';
import type { ProviderDefinition } from '../../registry/provider-definition';
import { createOpenAICompatibleAdapter } from './openai-compatible-adapter';

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
      missing: () => null,
      create: ({ config, describeModel }) => {
        const timeoutMs = config.STREAM_CONNECT_TIMEOUT_MS;
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
