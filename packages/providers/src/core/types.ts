import type { EndReason, ModelInfo, ModelParams, Usage } from '@mlb/contracts';
import type { ProviderError } from './provider-error';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface StreamRequest {
  modelId: string;
  messages: ChatMessage[];
  params?: ModelParams;
}

/** Normalized stream parts: every adapter speaks these, whatever its wire format. */
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

/** One small interface per provider (the AI SDK's provider packages do the wire work). */
export interface ProviderAdapter {
  readonly id: string;
  readonly label: string;
  readonly simulated: boolean;
  /** Raw stream: no retries or timeouts here; aborting `signal` aborts the upstream request. */
  stream(request: StreamRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  health(signal?: AbortSignal): Promise<HealthResult>;
}

export interface Timeouts {
  connectMs: number;
  firstTokenMs: number;
  idleMs: number;
  totalMs: number;
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}
