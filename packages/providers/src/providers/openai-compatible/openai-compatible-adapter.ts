import { z } from 'zod';

import type { ModelInfo } from '@mlb/contracts';

import { streamChatCompletions } from '../../chat-completions/chat-completions-stream';
import type { ErrorContext } from '../../errors/error-context';
import { getJson } from '../../http/get-json';
import { joinUrl } from '../../http/join-url';
import { measureHealth } from '../../http/measure-health';
import { usableModels } from '../../models/usable-models';
import type { ModelFacts } from '../../provider-definition';
import type { ProviderAdapter } from '../../types';
import { looksLikeChatModel } from './chat-model-ids';

export interface OpenAICompatibleSettings {
  context: ErrorContext;
  /** Where `/chat/completions` and `/models` live, e.g. http://localhost:4000/v1. */
  baseUrl: string;
  apiKey?: string | undefined;
  connectMs: number;
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
  /** The model list, when not `GET {baseUrl}/models`. */
  listModels?: (signal?: AbortSignal) => Promise<ModelInfo[]>;
  /** The health check, when not listing models. */
  check?: (signal?: AbortSignal) => Promise<unknown>;
}

export const openAIModelListSchema = z.object({
  data: z.array(
    z.looseObject({
      id: z.string(),
      context_window: z.number().optional(),
      active: z.boolean().optional(),
    }),
  ),
});

/**
 * Anything that speaks OpenAI's chat completions: LiteLLM, Ollama, OpenRouter, vLLM, LM Studio…
 * Answers stream through `streamChatCompletions` (no SDK layers on the per-token path).
 */
export function createOpenAICompatibleAdapter(s: OpenAICompatibleSettings): ProviderAdapter {
  const headers: Record<string, string> = s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {};
  const listFromApi = async (signal?: AbortSignal) => {
    const body = await getJson(s.context, joinUrl(s.baseUrl, 'models'), {
      headers,
      signal,
      timeoutMs: s.connectMs,
      schema: openAIModelListSchema,
    });
    return usableModels(s.context, body.data, (m) => looksLikeChatModel(m.id))
      .map((m) => s.describeModel(m.id, { contextWindow: m.context_window }))
      .sort((a, b) => a.id.localeCompare(b.id));
  };
  const listModels = s.listModels ?? listFromApi;
  const check = s.check ?? listModels;
  return {
    id: s.context.providerId,
    label: s.context.label,
    simulated: false,
    stream: streamChatCompletions({
      context: s.context,
      baseUrl: s.baseUrl,
      headers,
      connectMs: s.connectMs,
    }),
    listModels,
    health: (signal) => measureHealth(s.context, () => check(signal)),
  };
}
