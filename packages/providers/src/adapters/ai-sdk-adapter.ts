import type { ModelInfo } from '@mlb/contracts';
import { streamText, type LanguageModel } from 'ai';
import { toEndReason } from '../core/finish-reason';
import { toProviderError } from '../core/map-error';
import type { ErrorContext } from '../core/provider-error';
import type { HealthResult, ProviderAdapter, StreamPart, StreamRequest } from '../core/types';

export interface AiSdkAdapterOptions extends ErrorContext {
  model: (modelId: string) => LanguageModel;
  listModels: (signal?: AbortSignal) => Promise<ModelInfo[]>;
  /** A cheap real request; defaults to listing models. */
  healthCheck?: (signal?: AbortSignal) => Promise<void>;
}

/**
 * An adapter over an AI SDK provider: the SDK parses the provider's stream format, this maps its
 * parts to the normalized ones. SDK retries are off: retries belong to runStream, before the first token.
 */
export function createAiSdkAdapter(options: AiSdkAdapterOptions): ProviderAdapter {
  return {
    id: options.providerId,
    label: options.label,
    simulated: false,
    async *stream(request: StreamRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
      const { params } = request;
      let failure: unknown = null;
      const result = streamText({
        model: options.model(request.modelId),
        messages: request.messages,
        abortSignal: signal,
        maxRetries: 0,
        ...(params?.temperature !== undefined ? { temperature: params.temperature } : {}),
        ...(params?.maxTokens !== undefined ? { maxOutputTokens: params.maxTokens } : {}),
        ...(params?.topP !== undefined ? { topP: params.topP } : {}),
        onError: ({ error }) => {
          failure ??= error;
        },
      });
      try {
        for await (const part of result.fullStream) {
          if (part.type === 'text-delta') {
            if (part.text) yield { type: 'text-delta', text: part.text };
          } else if (part.type === 'error') {
            failure ??= part.error;
          } else if (part.type === 'finish') {
            if (failure) break;
            const usage = part.totalUsage;
            if (usage.inputTokens !== undefined || usage.outputTokens !== undefined) {
              yield {
                type: 'usage',
                usage: {
                  inputTokens: usage.inputTokens ?? 0,
                  outputTokens: usage.outputTokens ?? 0,
                  ...(usage.inputTokenDetails.cacheReadTokens ? { cachedTokens: usage.inputTokenDetails.cacheReadTokens } : {}),
                  ...(usage.outputTokenDetails.reasoningTokens ? { reasoningTokens: usage.outputTokenDetails.reasoningTokens } : {}),
                },
              };
            }
            yield { type: 'finish', reason: toEndReason(part.finishReason), providerFinishReason: part.rawFinishReason ?? part.finishReason };
            return;
          } else if (part.type === 'abort') {
            yield { type: 'finish', reason: 'stopped', providerFinishReason: null };
            return;
          }
        }
      } catch (error) {
        failure ??= error;
      }
      if (signal.aborted) {
        yield { type: 'finish', reason: 'stopped', providerFinishReason: null };
        return;
      }
      yield { type: 'error', error: toProviderError(options, failure ?? new Error('the stream ended without a finish event')) };
      yield { type: 'finish', reason: 'error', providerFinishReason: null };
    },
    listModels: options.listModels,
    async health(signal?: AbortSignal): Promise<HealthResult> {
      const started = performance.now();
      try {
        await (options.healthCheck ?? options.listModels)(signal);
        return { ok: true, latencyMs: Math.round(performance.now() - started), error: null };
      } catch (error) {
        return { ok: false, latencyMs: Math.round(performance.now() - started), error: toProviderError(options, error).message };
      }
    },
  };
}
