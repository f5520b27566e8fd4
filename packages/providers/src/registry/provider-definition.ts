import type { ModelInfo } from '@mlb/contracts';

import type { ProviderAdapter } from '../types';
import type { ProvidersConfig } from './env';

export interface ModelFacts {
  label?: string | undefined;
  contextWindow?: number | undefined;
}

/** What the registry hands a provider when it builds its adapter. */
export interface ProviderContext {
  config: ProvidersConfig;
  /** A model of this provider as the picker shows it, with price and context window where known. */
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
}

/** One provider as the registry knows it: how to tell whether it is configured, and how to build it. */
export interface ProviderDefinition {
  id: string;
  label: string;
  simulated?: boolean;
  /** Whether it appears at all; default always. */
  listed?: (config: ProvidersConfig) => boolean;
  /** The hint naming what to set when it is not configured (e.g. "Set GROQ_API_KEY in .env…"), else null. */
  missing: (config: ProvidersConfig) => string | null;
  create: (ctx: ProviderContext) => ProviderAdapter;
  /** For a provider used only while it answers (Ollama): probed at startup and on refresh. */
  detect?: (config: ProvidersConfig, signal: AbortSignal) => Promise<boolean>;
}
