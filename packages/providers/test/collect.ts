import type { Usage } from '@mlb/contracts';

import {
  runStream,
  type ProviderAdapter,
  type ProviderError,
  type RetryPolicy,
  type RunStreamOptions,
  type StreamPart,
  type StreamRequest,
  type Timeouts,
} from '../src/index';

export interface Collected {
  parts: StreamPart[];
  text: string;
  usage: Usage | undefined;
  error: ProviderError | undefined;
  finish: StreamPart | undefined;
  retries: Extract<StreamPart, { type: 'retry' }>[];
  /** Every wait runStream asked for between attempts, ms. */
  sleeps: number[];
  elapsedMs: number;
}

export interface CollectOptions {
  timeouts: Timeouts;
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** Really wait between attempts instead of recording the wait and going on at once. */
  realSleep?: boolean;
  /** Called with each part as it arrives (e.g. to abort after the first token). */
  onPart?: (part: StreamPart) => void;
}

/** Runs a request through runStream and gathers what a pane would see. */
export async function collect(
  adapter: ProviderAdapter,
  request: StreamRequest,
  options: CollectOptions,
): Promise<Collected> {
  const sleeps: number[] = [];
  const run: RunStreamOptions = {
    signal: options.signal ?? new AbortController().signal,
    timeouts: options.timeouts,
    retry: options.retry,
    random: () => 0.5,
    ...(options.realSleep
      ? {}
      : {
          sleep: async (ms: number) => {
            sleeps.push(ms);
          },
        }),
  };
  const parts: StreamPart[] = [];
  const started = performance.now();
  for await (const part of runStream(adapter, request, run)) {
    parts.push(part);
    options.onPart?.(part);
  }
  const errorPart = parts.find((p) => p.type === 'error');
  const usagePart = parts.find((p) => p.type === 'usage');
  return {
    parts,
    text: parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join(''),
    usage: usagePart?.type === 'usage' ? usagePart.usage : undefined,
    error: errorPart?.type === 'error' ? errorPart.error : undefined,
    finish: parts.at(-1),
    retries: parts.filter((p): p is Extract<StreamPart, { type: 'retry' }> => p.type === 'retry'),
    sleeps,
    elapsedMs: performance.now() - started,
  };
}

/** A one-turn request. */
export const ask = (modelId: string, prompt = 'say hi'): StreamRequest => ({
  modelId,
  messages: [{ role: 'user', content: prompt }],
});
