import type { ModelInfo, ProviderModels, ProviderStatus, Usage } from '@mlb/contracts';
import { createAnthropicAdapter } from '../adapters/anthropic';
import { createDemoAdapter } from '../adapters/demo';
import { createGoogleAdapter } from '../adapters/google';
import { createGroqAdapter } from '../adapters/groq';
import { getJson, joinUrl } from '../adapters/http-json';
import { createOpenAIAdapter } from '../adapters/openai';
import { createOpenAICompatibleAdapter } from '../adapters/openai-compatible';
import { listPrice, priceOf } from '../core/prices';
import { ProviderError } from '../core/provider-error';
import type { ProviderAdapter, RetryPolicy, Timeouts } from '../core/types';
import type { ProvidersConfig } from './env';

export interface ProviderEntry {
  id: string;
  label: string;
  configured: boolean;
  simulated: boolean;
  /** What to set to enable it, when it is not configured. */
  hint: string | null;
  /** Builds the adapter; absent when not configured. */
  adapter?: ProviderAdapter;
  /** Providers that are used only when they answer (Ollama). */
  probe?: () => Promise<boolean>;
}

/** The enabled adapters, built from configuration, with cached model lists and health. */
export function createProviderRegistry(config: ProvidersConfig) {
  const overrides = config.MODEL_PRICES ?? {};
  const connectMs = config.STREAM_CONNECT_TIMEOUT_MS;
  const info =
    (providerId: string) =>
    (id: string, label?: string, contextWindow?: number): ModelInfo => {
      const price = listPrice(overrides, providerId, id);
      return {
        providerId,
        id,
        label: label ?? id,
        ...(contextWindow ? { contextWindow } : {}),
        ...(price ? { inputPricePerMTok: price.input, outputPricePerMTok: price.output } : {}),
        simulated: false,
      };
    };

  const entries: ProviderEntry[] = [];
  if (config.DEMO_PROVIDER) {
    entries.push({ id: 'demo', label: 'Demo (simulated)', configured: true, simulated: true, hint: null, adapter: createDemoAdapter({ tokensPerSecond: config.DEMO_TOKENS_PER_SECOND, firstTokenMs: config.DEMO_FIRST_TOKEN_MS }) });
  }
  // A LiteLLM proxy often needs no key: it is on when either its URL or its key is set.
  const litellmOn = config.LITELLM_BASE_URL !== undefined || config.LITELLM_MASTER_KEY !== undefined;
  const litellmBase = config.LITELLM_BASE_URL ?? 'http://localhost:4000';
  entries.push({
    id: 'litellm',
    label: 'LiteLLM',
    configured: litellmOn,
    simulated: false,
    hint: litellmOn ? null : 'Set LITELLM_BASE_URL (and LITELLM_MASTER_KEY if your proxy needs one) in .env.',
    ...(litellmOn
      ? {
          adapter: createOpenAICompatibleAdapter({
            providerId: 'litellm',
            label: 'LiteLLM',
            keyVariable: 'LITELLM_MASTER_KEY',
            baseUrlVariable: 'LITELLM_BASE_URL',
            baseUrl: litellmBase,
            apiKey: config.LITELLM_MASTER_KEY,
            connectMs,
            modelInfo: (id) => info('litellm')(id),
            healthUrl: joinUrl(litellmBase.replace(/\/v1\/?$/, ''), 'health/liveliness'),
          }),
        }
      : {}),
  });
  const keyed = (id: string, label: string, key: string | undefined, variable: string, build: (key: string) => ProviderAdapter) =>
    entries.push({ id, label, configured: Boolean(key), simulated: false, hint: key ? null : `Set ${variable} in .env and restart.`, ...(key ? { adapter: build(key) } : {}) });
  keyed('google', 'Google Gemini', config.GOOGLE_API_KEY, 'GOOGLE_API_KEY', (apiKey) => createGoogleAdapter({ baseUrl: config.GOOGLE_BASE_URL, apiKey, connectMs, modelInfo: info('google') }));
  keyed('groq', 'Groq', config.GROQ_API_KEY, 'GROQ_API_KEY', (apiKey) => createGroqAdapter({ baseUrl: config.GROQ_BASE_URL, apiKey, connectMs, modelInfo: (id, cw) => info('groq')(id, undefined, cw) }));
  keyed('openai', 'OpenAI', config.OPENAI_API_KEY, 'OPENAI_API_KEY', (apiKey) => createOpenAIAdapter({ baseUrl: config.OPENAI_BASE_URL, apiKey, connectMs, modelInfo: (id) => info('openai')(id) }));
  keyed('anthropic', 'Anthropic', config.ANTHROPIC_API_KEY, 'ANTHROPIC_API_KEY', (apiKey) => createAnthropicAdapter({ baseUrl: config.ANTHROPIC_BASE_URL, apiKey, connectMs, modelInfo: info('anthropic') }));

  const ollama: ProviderEntry = {
    id: 'ollama',
    label: 'Ollama',
    configured: false,
    simulated: false,
    hint: `Start Ollama (looked for at ${config.OLLAMA_BASE_URL}) or set OLLAMA_BASE_URL.`,
    adapter: createOpenAICompatibleAdapter({
      providerId: 'ollama',
      label: 'Ollama',
      keyVariable: null,
      baseUrlVariable: 'OLLAMA_BASE_URL',
      baseUrl: joinUrl(config.OLLAMA_BASE_URL, 'v1'),
      apiKey: undefined,
      connectMs,
      modelInfo: (id) => info('ollama')(id),
    }),
    probe: async () => {
      try {
        await getJson({ providerId: 'ollama', label: 'Ollama', keyVariable: null, baseUrlVariable: 'OLLAMA_BASE_URL' }, joinUrl(config.OLLAMA_BASE_URL, 'api/version'), {}, AbortSignal.timeout(1500));
        return true;
      } catch {
        return false;
      }
    },
  };
  entries.push(ollama);
  for (const custom of config.OPENAI_COMPATIBLE_PROVIDERS ?? []) {
    const label = custom.label ?? custom.id;
    entries.push({
      id: custom.id,
      label,
      configured: true,
      simulated: false,
      hint: null,
      adapter: createOpenAICompatibleAdapter({
        providerId: custom.id,
        label,
        keyVariable: 'OPENAI_COMPATIBLE_PROVIDERS',
        baseUrlVariable: 'OPENAI_COMPATIBLE_PROVIDERS',
        baseUrl: custom.baseUrl,
        apiKey: custom.apiKey,
        connectMs,
        ...(custom.models ? { models: custom.models } : {}),
        modelInfo: (id) => info(custom.id)(id),
      }),
    });
  }

  const usable = (entry: ProviderEntry) => entry.configured && entry.adapter !== undefined;
  const ttl = config.MODEL_LIST_TTL_MS;
  const modelCache = new Map<string, { at: number; models: ModelInfo[] }>();
  const statusCache = new Map<string, ProviderStatus>();
  let ollamaProbe: Promise<void> | null = null;

  const detectOllama = (force: boolean) => {
    if (!ollama.probe) return Promise.resolve();
    if (!ollamaProbe || force) {
      ollamaProbe = ollama.probe().then((up) => {
        ollama.configured = up;
        ollama.hint = up ? null : `Start Ollama (looked for at ${config.OLLAMA_BASE_URL}) or set OLLAMA_BASE_URL.`;
      });
    }
    return ollamaProbe;
  };
  void detectOllama(false);

  const statusOf = (entry: ProviderEntry): ProviderStatus =>
    statusCache.get(entry.id) ?? {
      id: entry.id,
      label: entry.label,
      configured: entry.configured,
      state: entry.configured ? 'unknown' : 'not_configured',
      latencyMs: null,
      checkedAt: null,
      lastError: null,
      hint: entry.hint,
      simulated: entry.simulated,
    };

  async function checkHealth(entry: ProviderEntry): Promise<ProviderStatus> {
    if (!usable(entry)) {
      const status: ProviderStatus = { ...statusOf(entry), configured: false, state: 'not_configured', hint: entry.hint };
      statusCache.set(entry.id, status);
      return status;
    }
    const result = await entry.adapter!.health();
    const previous = statusCache.get(entry.id);
    const status: ProviderStatus = {
      id: entry.id,
      label: entry.label,
      configured: true,
      state: result.ok ? 'healthy' : 'unhealthy',
      latencyMs: result.latencyMs,
      checkedAt: new Date().toISOString(),
      lastError: result.error ?? (result.ok ? (previous?.lastError ?? null) : null),
      hint: null,
      simulated: entry.simulated,
    };
    statusCache.set(entry.id, status);
    return status;
  }

  const timeouts: Timeouts = {
    connectMs,
    firstTokenMs: config.STREAM_FIRST_TOKEN_TIMEOUT_MS,
    idleMs: config.STREAM_IDLE_TIMEOUT_MS,
    totalMs: config.STREAM_TOTAL_TIMEOUT_MS,
  };
  const retry: RetryPolicy = { maxRetries: config.STREAM_MAX_RETRIES, baseDelayMs: 500, maxDelayMs: 20_000 };

  return {
    timeouts,
    retry,
    list: () => entries.map(({ id, label, configured, simulated, hint }) => ({ id, label, configured, simulated, hint })),
    get: (id: string): ProviderAdapter | undefined => {
      const entry = entries.find((e) => e.id === id);
      return entry && usable(entry) ? entry.adapter : undefined;
    },
    require(id: string): ProviderAdapter {
      const entry = entries.find((e) => e.id === id);
      if (!entry) {
        throw new ProviderError(id, 'bad_request', `There is no provider "${id}".`, `Use one of: ${entries.map((e) => e.id).join(', ')}.`);
      }
      if (!usable(entry)) throw new ProviderError(id, 'not_configured', `${entry.label} is not configured.`, entry.hint ?? 'Configure it in .env.');
      return entry.adapter!;
    },
    async models(options: { refresh?: boolean } = {}): Promise<ProviderModels[]> {
      await detectOllama(options.refresh ?? false);
      return Promise.all(
        entries.map(async (entry): Promise<ProviderModels> => {
          if (!usable(entry)) return { provider: statusOf({ ...entry }), models: [], error: null };
          const cached = modelCache.get(entry.id);
          if (cached && !options.refresh && Date.now() - cached.at < ttl) return { provider: statusOf(entry), models: cached.models, error: null };
          const started = performance.now();
          try {
            const models = await entry.adapter!.listModels(AbortSignal.timeout(10_000));
            modelCache.set(entry.id, { at: Date.now(), models });
            const status: ProviderStatus = { ...statusOf(entry), configured: true, state: 'healthy', latencyMs: Math.round(performance.now() - started), checkedAt: new Date().toISOString(), hint: null };
            statusCache.set(entry.id, status);
            return { provider: status, models, error: null };
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const status: ProviderStatus = { ...statusOf(entry), configured: true, state: 'unhealthy', checkedAt: new Date().toISOString(), lastError: message, hint: null };
            statusCache.set(entry.id, status);
            return { provider: status, models: cached?.models ?? [], error: message };
          }
        }),
      );
    },
    async health(): Promise<ProviderStatus[]> {
      await detectOllama(false);
      return Promise.all(entries.map(checkHealth));
    },
    price: (providerId: string, modelId: string, usage: Usage) => priceOf(overrides, providerId, modelId, usage),
  };
}

export type ProviderRegistry = ReturnType<typeof createProviderRegistry>;
