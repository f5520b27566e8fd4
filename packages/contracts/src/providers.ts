/** A model a provider offers, as shown in the model picker. */
export interface ModelInfo {
  providerId: string;
  id: string;
  label: string;
  contextWindow?: number;
  /** USD per million tokens, when a price is known. */
  inputPricePerMTok?: number;
  outputPricePerMTok?: number;
  /** True for the built-in demo provider: its answers are simulated, not from a real model. */
  simulated: boolean;
}

export type ProviderState = 'healthy' | 'unhealthy' | 'not_configured' | 'unknown';

export interface ProviderStatus {
  id: string;
  label: string;
  configured: boolean;
  state: ProviderState;
  /** Latency of the last health check, ms. */
  latencyMs: number | null;
  checkedAt: string | null;
  lastError: string | null;
  /** For an unconfigured provider: the variable(s) to set. */
  hint: string | null;
  simulated: boolean;
}

export interface ProviderModels {
  provider: ProviderStatus;
  models: ModelInfo[];
  /** Set when listing this provider's models failed; other providers are still listed. */
  error: string | null;
}
