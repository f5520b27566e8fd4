import type { ModelInfo } from '@mlb/contracts';

import type { EnvValues, EnvVars } from './env/env-vars';
import type { ProviderAdapter } from './types';

export interface ModelFacts {
  label?: string | undefined;
  contextWindow?: number | undefined;
}

/** What the registry hands a provider when it builds its adapter. */
export interface ProviderContext<Config> {
  /** The provider's own variables, parsed. */
  config: Config;
  /** STREAM_CONNECT_TIMEOUT_MS: how long to wait for an upstream's response headers. */
  connectMs: number;
  /** A model of this provider as the picker shows it, with price and context window where known. */
  describeModel: (modelId: string, facts?: ModelFacts) => ModelInfo;
}

/** How a provider is presented in the generated docs (README providers table). */
export interface ProviderDocs {
  /** What it is, e.g. "Groq (usage from `x_groq.usage`)". Markdown, one line. */
  what: string;
  /** How it is turned on, e.g. "`GROQ_API_KEY`". Markdown, one line. */
  configuredBy: string;
  /** What the adapter is built on, e.g. "`@ai-sdk/google`". Markdown, one line. */
  builtOn: string;
}

/**
 * One provider, as its folder declares it: its variables, its docs line, how to tell whether it
 * is configured, and how to build it. The functions see only the provider's own variables.
 *
 * They are declared as methods on purpose: a list of providers with different variables is then
 * a `ProviderDefinition[]` (method parameters are compared bivariantly). That is sound here
 * because the registry passes the config parsed by the schema composed from every provider's
 * `env` (`registry/env.ts`), which holds each provider's variables by construction.
 */
export interface ProviderDefinition<V extends EnvVars = EnvVars> {
  id: string;
  label: string;
  simulated?: boolean;
  /** The provider's variables, with their defaults and one line of documentation each. */
  env: V;
  docs: ProviderDocs;
  /** Whether it appears at all; default always. */
  listed?(config: EnvValues<V>): boolean;
  /** The hint naming what to set when it is not configured (e.g. "Set GROQ_API_KEY in .env…"), else null. */
  missing(config: EnvValues<V>): string | null;
  create(ctx: ProviderContext<EnvValues<V>>): ProviderAdapter;
  /** For a provider used only while it answers (Ollama): probed at startup and on refresh. */
  detect?(config: EnvValues<V>, signal: AbortSignal): Promise<boolean>;
}

/** Declares a provider with its variables' types inferred from `env`. */
export const defineProvider = <V extends EnvVars>(
  definition: ProviderDefinition<V>,
): ProviderDefinition<V> => definition;
