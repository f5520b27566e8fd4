import type { ModelInfo, Usage } from '@mlb/contracts';
import { streamText, type LanguageModel } from 'ai';
import type { ErrorContext } from '../errors/error-context';
import { toProviderError } from '../errors/to-provider-error';
import { measureHealth } from '../http/measure-health';
import type { HealthResult, ProviderAdapter, StreamPart, StreamRequest } from '../types';
import { toEndReason } from './finish-reason';
import { toPrompt } from './to-prompt';
import { toUsage } from './to-usage';

export interface AiSdkAdapterOptions extends ErrorContext {
  languageModel: (modelId: string) => LanguageModel;
  listModels: (signal?: AbortSignal) => Promise<ModelInfo[]>;
  /** A cheap real request that throws when the provider is not usable. */
  check: (signal?: AbortSignal) => Promise<unknown>;
}

/**
 * An adapter over an AI SDK provider package: the SDK speaks the wire format, this maps its stream
 * parts to ours. The SDK's own retries are off (`maxRetries: 0`): runStream owns retries, because
 * only it knows whether a token has reached the user yet.
 */
export function createAiSdkAdapter(options: AiSdkAdapterOptions): ProviderAdapter {
  return {
    id: options.providerId,
    label: options.label,
    simulated: false,
    async *stream(request: StreamRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
      const { params } = request;
      let failure: unknown = null;
      let finish: { part: Extract<StreamPart, { type: 'finish' }>; usage: Usage | null } | null =
        null;
      const result = streamText({
        model: options.languageModel(request.modelId),
        ...toPrompt(request.messages),
        abortSignal: signal,
        maxRetries: 0,
        ...(params?.temperature === undefined ? {} : { temperature: params.temperature }),
        ...(params?.maxTokens === undefined ? {} : { maxOutputTokens: params.maxTokens }),
        ...(params?.topP === undefined ? {} : { topP: params.topP }),
        // Without a handler the SDK logs every stream error to the console itself.
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
            finish = {
              part: {
                type: 'finish',
                reason: toEndReason(part.finishReason),
                providerFinishReason: part.rawFinishReason ?? null,
              },
              usage: toUsage(part.totalUsage),
            };
          }
        }
      } catch (error) {
        failure ??= error;
      }
      if (signal.aborted) {
        yield { type: 'finish', reason: 'stopped', providerFinishReason: null };
        return;
      }
      if (failure !== null || !finish) {
        yield {
          type: 'error',
          error: toProviderError(
            options,
            failure ?? new Error('the stream ended without a finish event'),
            request.modelId,
          ),
        };
        yield { type: 'finish', reason: 'error', providerFinishReason: null };
        return;
      }
      if (finish.usage) yield { type: 'usage', usage: finish.usage };
      yield finish.part;
    },
    listModels: options.listModels,
    health: (signal?: AbortSignal): Promise<HealthResult> =>
      measureHealth(options, () => options.check(signal)),
  };
}
