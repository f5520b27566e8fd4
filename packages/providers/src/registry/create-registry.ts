import type { ModelInfo, ProviderModels, ProviderStatus, Usage } from '@mlb/contracts';

import { ProviderError } from '../errors/provider-error';
import { createSecretScrubber } from '../errors/scrub-secrets';
import { createPricing } from '../pricing/pricing';
import type { ModelFacts, ProviderDefinition } from '../provider-definition';
import { BUILT_IN_PROVIDERS } from '../providers/built-in-providers';
import type { ProviderAdapter, RetryPolicy, Timeouts } from '../types';
import { customProviders } from './custom-providers';
import type { ProvidersConfig } from './env';
import { scrubbedAdapter } from './scrubbed-adapter';

export interface ProviderListing {
  id: string;
  label: string;
  configured: boolean;
  simulated: boolean;
  /** What to set to enable it, when it is not configured. */
  hint: string | null;
}

export interface ProviderRegistry {
  list(): ProviderListing[];
  /** The adapter of a configured provider. */
  get(id: string): ProviderAdapter | undefined;
  /** Like get, but throws a ProviderError: `not_configured` (with the variables to set) or `bad_request` for an unknown id. */
  require(id: string): ProviderAdapter;
  /** Every provider's models, demo first; cached per provider for MODEL_LIST_TTL_MS; one failing provider does not fail the rest. */
  models(options?: { refresh?: boolean }): Promise<ProviderModels[]>;
  /**
   * A real, cheap check of every configured provider, unhealthy too when it lists no model that
   * can chat; the others as `not_configured` with their hint.
   */
  health(): Promise<ProviderStatus[]>;
  /** USD for one answer; null when no price is known. */
  price(providerId: string, modelId: string, usage: Usage): number | null;
  readonly timeouts: Timeouts;
  readonly retry: RetryPolicy;
}

/** Backoff between retries: 0.5 s, 1 s, 2 s… (full jitter below that), never above 20 s. */
const RETRY_BASE_DELAY_MS = 500;
const RETRY_MAX_DELAY_MS = 20_000;

interface Entry {
  definition: ProviderDefinition;
  adapter: ProviderAdapter;
  /** For auto-detected providers: whether the last probe found it. */
  detected: boolean;
  status: ProviderStatus | null;
  models: { at: number; list: ModelInfo[] } | null;
  loading: Promise<ProviderModels> | null;
}

/** The values of every variable marked secret (API keys, master keys) and of custom providers' apiKeys. */
function secretsOf(
  config: ProvidersConfig,
  definitions: readonly ProviderDefinition[],
): (string | undefined)[] {
  const values: Readonly<Record<string, unknown>> = config;
  const fromVariables = definitions.flatMap((definition) =>
    Object.entries(definition.env)
      .filter(([, variable]) => variable.secret === true)
      .map(([name]) => values[name])
      .filter((value): value is string => typeof value === 'string'),
  );
  return [...fromVariables, ...config.OPENAI_COMPATIBLE_PROVIDERS.map((p) => p.apiKey)];
}

/** The providers the configuration enables, with cached model lists, health and prices. */
export function createProviderRegistry(config: ProvidersConfig): ProviderRegistry {
  const pricing = createPricing(config.MODEL_PRICES);
  const describeModel =
    (providerId: string) =>
    (modelId: string, facts: ModelFacts = {}): ModelInfo => {
      const listing = pricing.listing(providerId, modelId);
      const contextWindow = facts.contextWindow ?? listing.contextWindow;
      return {
        providerId,
        id: modelId,
        label: facts.label ?? modelId,
        ...(contextWindow === undefined ? {} : { contextWindow }),
        ...(listing.inputPricePerMTok === undefined
          ? {}
          : { inputPricePerMTok: listing.inputPricePerMTok }),
        ...(listing.outputPricePerMTok === undefined
          ? {}
          : { outputPricePerMTok: listing.outputPricePerMTok }),
        simulated: false,
      };
    };

  const definitions: readonly ProviderDefinition[] = [
    ...BUILT_IN_PROVIDERS,
    ...customProviders(config.OPENAI_COMPATIBLE_PROVIDERS),
  ];
  // Every key the configuration holds, scrubbed from every error text any adapter produces: an
  // upstream refusing one provider's key may echo it, and a proxy may echo another's.
  const scrub = createSecretScrubber(secretsOf(config, definitions));
  const entries: Entry[] = definitions
    .filter((definition) => definition.listed?.(config) ?? true)
    .map((definition) => ({
      definition,
      adapter: scrubbedAdapter(
        definition.create({
          config,
          connectMs: config.STREAM_CONNECT_TIMEOUT_MS,
          describeModel: describeModel(definition.id),
        }),
        scrub,
      ),
      detected: false,
      status: null,
      models: null,
      loading: null,
    }));

  const configured = (entry: Entry) =>
    entry.definition.detect ? entry.detected : entry.definition.missing(config) === null;
  const hintOf = (entry: Entry) => (configured(entry) ? null : entry.definition.missing(config));
  const find = (id: string) => entries.find((e) => e.definition.id === id);

  const detect = () =>
    Promise.all(
      entries.map(async (entry) => {
        if (!entry.definition.detect) return;
        const found = await entry.definition.detect(
          config,
          AbortSignal.timeout(config.STREAM_CONNECT_TIMEOUT_MS),
        );
        if (found !== entry.detected) {
          entry.detected = found;
          entry.status = null;
          entry.models = null;
        }
      }),
    ).then(() => undefined);
  const initialDetection = detect();

  function notConfiguredStatus(entry: Entry): ProviderStatus {
    const { id, label } = entry.definition;
    return {
      id,
      label,
      configured: false,
      state: 'not_configured',
      latencyMs: null,
      checkedAt: null,
      lastError: null,
      hint: hintOf(entry),
      simulated: entry.definition.simulated ?? false,
    };
  }

  function statusOf(entry: Entry): ProviderStatus {
    if (!configured(entry)) return notConfiguredStatus(entry);
    const { id, label } = entry.definition;
    return (
      entry.status ?? {
        id,
        label,
        configured: true,
        state: 'unknown',
        latencyMs: null,
        checkedAt: null,
        lastError: null,
        hint: null,
        simulated: entry.definition.simulated ?? false,
      }
    );
  }

  function record(
    entry: Entry,
    ok: boolean,
    latencyMs: number | null,
    error: string | null,
  ): ProviderStatus {
    const status: ProviderStatus = {
      ...statusOf(entry),
      state: ok ? 'healthy' : 'unhealthy',
      latencyMs,
      checkedAt: new Date().toISOString(),
      lastError: error,
    };
    entry.status = status;
    return status;
  }

  async function loadModels(entry: Entry): Promise<ProviderModels> {
    const started = performance.now();
    try {
      const list = await entry.adapter.listModels();
      entry.models = { at: Date.now(), list };
      return {
        provider: record(entry, true, Math.round(performance.now() - started), null),
        models: list,
        error: null,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A stale list beats an empty picker while the provider has a bad moment.
      return {
        provider: record(entry, false, Math.round(performance.now() - started), message),
        models: entry.models?.list ?? [],
        error: message,
      };
    }
  }

  function modelsOf(entry: Entry, refresh: boolean): Promise<ProviderModels> {
    if (!configured(entry))
      return Promise.resolve({ provider: notConfiguredStatus(entry), models: [], error: null });
    const cached = entry.models;
    if (!refresh && cached && Date.now() - cached.at < config.MODEL_LIST_TTL_MS)
      return Promise.resolve({ provider: statusOf(entry), models: cached.list, error: null });
    // Concurrent callers share one request per provider.
    entry.loading ??= loadModels(entry).finally(() => (entry.loading = null));
    return entry.loading;
  }

  return {
    timeouts: {
      connectMs: config.STREAM_CONNECT_TIMEOUT_MS,
      firstTokenMs: config.STREAM_FIRST_TOKEN_TIMEOUT_MS,
      idleMs: config.STREAM_IDLE_TIMEOUT_MS,
      totalMs: config.STREAM_TOTAL_TIMEOUT_MS,
    },
    retry: {
      maxRetries: config.STREAM_MAX_RETRIES,
      baseDelayMs: RETRY_BASE_DELAY_MS,
      maxDelayMs: RETRY_MAX_DELAY_MS,
    },
    list: () =>
      entries.map((entry) => ({
        id: entry.definition.id,
        label: entry.definition.label,
        configured: configured(entry),
        simulated: entry.definition.simulated ?? false,
        hint: hintOf(entry),
      })),
    get(id) {
      const entry = find(id);
      return entry && configured(entry) ? entry.adapter : undefined;
    },
    require(id) {
      const entry = find(id);
      if (!entry) {
        throw new ProviderError(
          id,
          'bad_request',
          `There is no provider "${id}".`,
          `Use one of: ${entries.map((e) => e.definition.id).join(', ')}.`,
        );
      }
      if (!configured(entry)) {
        throw new ProviderError(
          id,
          'not_configured',
          `${entry.definition.label} is not configured.`,
          hintOf(entry) ?? 'Configure it in .env and restart the server.',
        );
      }
      return entry.adapter;
    },
    async models(options = {}) {
      const refresh = options.refresh ?? false;
      await (refresh ? detect() : initialDetection);
      return Promise.all(entries.map((entry) => modelsOf(entry, refresh)));
    },
    async health() {
      await initialDetection;
      // A local server started after us (Ollama) shows up on the next health check.
      if (entries.some((e) => e.definition.detect && !e.detected)) await detect();
      return Promise.all(
        entries.map(async (entry) => {
          if (!configured(entry)) return notConfiguredStatus(entry);
          const result = await entry.adapter.health();
          if (!result.ok) return record(entry, false, result.latencyMs, result.error);
          // Answering is not enough: a provider whose list offers no usable model is a problem
          // too (the list is cached for MODEL_LIST_TTL_MS, so this rarely costs a request).
          const { error } = await modelsOf(entry, false);
          return record(entry, error === null, result.latencyMs, error);
        }),
      );
    },
    price: (providerId, modelId, usage) => pricing.cost(providerId, modelId, usage),
  };
}
