import type { ModelInfo } from '@mlb/contracts';

import { ProviderError } from '../../errors/provider-error';
import type { HealthResult, ProviderAdapter, StreamPart, StreamRequest } from '../../types';
import { demoAnswer } from './demo-answer';
import { DEMO_CONTEXT_WINDOW, DEMO_MODELS } from './demo-models';
import { demoTokenCount, demoTokens } from './demo-tokens';

export interface DemoSettings {
  /** demo-balanced's speed; demo-fast streams twice as fast, demo-slow half as fast. */
  tokensPerSecond: number;
  firstTokenMs: number;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const STOPPED: StreamPart = { type: 'finish', reason: 'stopped', providerFinishReason: null };

/** The built-in offline provider: deterministic, plainly simulated, paced like a real model, free. */
export function createDemoAdapter(settings: DemoSettings): ProviderAdapter {
  return {
    id: 'demo',
    label: 'Demo (simulated)',
    simulated: true,
    async *stream(request: StreamRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
      const model = DEMO_MODELS.find((m) => m.id === request.modelId);
      if (!model) {
        const known = DEMO_MODELS.map((m) => m.id).join(', ');
        yield {
          type: 'error',
          error: new ProviderError(
            'demo',
            'bad_request',
            `The demo provider has no model "${request.modelId}".`,
            `Pick one of ${known}.`,
            { status: 404 },
          ),
        };
        yield { type: 'finish', reason: 'error', providerFinishReason: null };
        return;
      }
      const prompt = request.messages.findLast((m) => m.role === 'user')?.content ?? '';
      const tokens = demoTokens(demoAnswer(prompt, model.id));
      const limit = Math.min(tokens.length, request.params?.maxTokens ?? Number.POSITIVE_INFINITY);
      const interval = 1000 / (settings.tokensPerSecond * model.speed);
      if (!(await wait(settings.firstTokenMs, signal))) {
        yield STOPPED;
        return;
      }
      const started = performance.now();
      for (let sent = 0; sent < limit; sent += 1) {
        // Pace against the clock rather than per sleep, so timer granularity does not slow it down.
        const due = started + sent * interval - performance.now();
        if (due >= 1 && !(await wait(due, signal))) {
          yield STOPPED;
          return;
        }
        if (signal.aborted) {
          yield STOPPED;
          return;
        }
        yield { type: 'text-delta', text: tokens[sent]! };
      }
      yield {
        type: 'usage',
        usage: {
          inputTokens: demoTokenCount(request.messages.map((m) => m.content)),
          outputTokens: limit,
        },
      };
      const cut = limit < tokens.length;
      yield {
        type: 'finish',
        reason: cut ? 'length' : 'done',
        providerFinishReason: cut ? 'length' : 'stop',
      };
    },
    async listModels(): Promise<ModelInfo[]> {
      return DEMO_MODELS.map((m) => ({
        providerId: 'demo',
        id: m.id,
        label: m.label,
        contextWindow: DEMO_CONTEXT_WINDOW,
        inputPricePerMTok: 0,
        outputPricePerMTok: 0,
        simulated: true,
      }));
    },
    async health(): Promise<HealthResult> {
      return { ok: true, latencyMs: 0, error: null };
    },
  };
}
