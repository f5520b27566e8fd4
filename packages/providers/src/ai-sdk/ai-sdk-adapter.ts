import type { LanguageModelV3 } from '@ai-sdk/provider';

import type { ModelInfo, Usage } from '@mlb/contracts';

import type { ErrorContext } from '../errors/error-context';
import { toProviderError } from '../errors/to-provider-error';
import { measureHealth } from '../http/measure-health';
import type { HealthResult, ProviderAdapter, StreamPart, StreamRequest } from '../types';
import { toEndReason } from './finish-reason';
import { toPrompt } from './to-prompt';
import { toUsage } from './to-usage';

export interface AiSdkAdapterOptions extends ErrorContext {
  languageModel: (modelId: string) => LanguageModelV3;
  listModels: (signal?: AbortSignal) => Promise<ModelInfo[]>;
  /** A cheap real request that throws when the provider is not usable. */
  check: (signal?: AbortSignal) => Promise<unknown>;
}

/**
 * An adapter over an AI SDK provider package: the package speaks the wire format (request body,
 * SSE parsing, usage, error bodies) and this maps its stream parts to ours. It calls the model's
 * own `doStream` rather than `streamText`: the workspace needs no tools, steps or telemetry, and
 * each of streamText's extra stream layers costs time on every token. The packages do not retry;
 * runStream owns retries, because only it knows whether a token has reached the user yet.
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
      try {
        const { stream } = await options.languageModel(request.modelId).doStream({
          prompt: toPrompt(request.messages),
          abortSignal: signal,
          ...(params?.temperature === undefined ? {} : { temperature: params.temperature }),
          ...(params?.maxTokens === undefined ? {} : { maxOutputTokens: params.maxTokens }),
          ...(params?.topP === undefined ? {} : { topP: params.topP }),
        });
        const reader = stream.getReader();
        // A reader rather than for-await: the DOM typings of ReadableStream (used where the web
        // app type-checks the server's types) have no async iterator.
        try {
          for (;;) {
            const { done, value: part } = await reader.read();
            if (done) break;
            if (part.type === 'text-delta') {
              if (part.delta) yield { type: 'text-delta', text: part.delta };
            } else if (part.type === 'error') {
              failure ??= part.error;
            } else if (part.type === 'finish') {
              finish = {
                part: {
                  type: 'finish',
                  reason: toEndReason(part.finishReason.unified),
                  providerFinishReason: part.finishReason.raw ?? null,
                },
                usage: toUsage(part.usage),
              };
            }
          }
        } finally {
          // Also when our consumer stops early: let the package close its upstream request.
          reader.cancel().catch(() => undefined);
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
