import { z } from 'zod';

import type { ModelInfo } from '@mlb/contracts';

import type { ErrorContext } from '../../errors/error-context';
import { getJson } from '../../http/get-json';
import { joinUrl } from '../../http/join-url';
import { usableModels } from '../../models/usable-models';
import type { ModelFacts } from '../../provider-definition';
import type { ProviderAdapter } from '../../types';
import { createOpenAICompatibleAdapter } from '../openai-compatible/openai-compatible-adapter';

export interface OllamaSettings {
  /** The Ollama server, e.g. http://127.0.0.1:11434 (no /v1). */
  baseUrl: string;
  connectMs: number;
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
}

const tagsSchema = z.object({
  models: z
    .array(
      z.looseObject({
        name: z.string(),
        details: z
          .looseObject({ parameter_size: z.string().optional(), family: z.string().optional() })
          .optional(),
      }),
    )
    .default([]),
});
const versionSchema = z.looseObject({ version: z.string() });

export const ollamaContext = (baseUrl: string): ErrorContext => ({
  providerId: 'ollama',
  label: 'Ollama',
  fixCredentials: 'Ollama needs no key; check any proxy in front of OLLAMA_BASE_URL.',
  fixConnection: `Check that Ollama is running at OLLAMA_BASE_URL (${baseUrl}).`,
  fixModels: 'Pull a chat model, e.g. `ollama pull llama3.2`, then refresh the model list.',
});

/**
 * /api/tags says nothing about what a model can do (/api/show's `capabilities` does, one request
 * per model). Embedding models are the ones a chat picker must not offer; they are named so
 * (nomic-embed-text, mxbai-embed-large, all-minilm…) or are of a BERT family.
 */
const isEmbedding = (name: string, family: string | undefined): boolean =>
  /embed|minilm/i.test(name) || /bert$/i.test(family ?? '');

/** Asks /api/version; used to switch Ollama on while it answers. */
export function ollamaVersion(
  baseUrl: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ version: string }> {
  return getJson(ollamaContext(baseUrl), joinUrl(baseUrl, 'api/version'), {
    signal,
    timeoutMs,
    schema: versionSchema,
  });
}

/** A local Ollama: answers through its OpenAI-compatible /v1, models from its own /api/tags. */
export function createOllamaAdapter(s: OllamaSettings): ProviderAdapter {
  const context = ollamaContext(s.baseUrl);
  return createOpenAICompatibleAdapter({
    context,
    baseUrl: joinUrl(s.baseUrl, 'v1'),
    connectMs: s.connectMs,
    describeModel: s.describeModel,
    async listModels(signal) {
      const body = await getJson(context, joinUrl(s.baseUrl, 'api/tags'), {
        signal,
        timeoutMs: s.connectMs,
        schema: tagsSchema,
      });
      return usableModels(context, body.models, (m) => !isEmbedding(m.name, m.details?.family))
        .map((m) =>
          s.describeModel(m.name, {
            label: m.details?.parameter_size ? `${m.name} (${m.details.parameter_size})` : m.name,
          }),
        )
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    check: (signal) => ollamaVersion(s.baseUrl, s.connectMs, signal),
  });
}
