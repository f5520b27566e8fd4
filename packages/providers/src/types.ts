import type { EndReason, ModelInfo, ModelParams, Usage } from '@mlb/contracts';

import type { ProviderError } from './errors/provider-error';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface StreamRequest {
  modelId: string;
  messages: ChatMessage[];
  params?: ModelParams;
}

/** Normalized stream parts: every adapter speaks these, whatever its provider's wire format. */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'retry'; attempt: number; delayMs: number; error: ProviderError }
  | { type: 'error'; error: ProviderError }
  /** Exactly one, always last. */
  | { type: 'finish'; reason: EndReason; providerFinishReason: string | null };

export interface HealthResult {
  ok: boolean;
  latencyMs: number;
  error: string | null;
}

/** One provider behind one small interface. */
export interface ProviderAdapter {
  readonly id: string;
  readonly label: string;
  readonly simulated: boolean;
  /**
   * The raw answer: no retries, no timeouts (runStream adds both). Ends with exactly one finish part.
   * Aborting `signal` aborts the upstream HTTP request at once and finishes with reason `stopped`.
   */
  stream(request: StreamRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  /** The provider's real model list from its API, with context window and price where known. */
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** A cheap real request to the provider. Never throws. */
  health(signal?: AbortSignal): Promise<HealthResult>;
}

export interface Timeouts {
  /** Until the upstream's response headers arrive. */
  connectMs: number;
  firstTokenMs: number;
  /** Between two text deltas. */
  idleMs: number;
  /** The whole answer, retries included. */
  totalMs: number;
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}
