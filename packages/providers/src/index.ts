export type { ChatMessage, HealthResult, ProviderAdapter, RetryPolicy, StreamPart, StreamRequest, Timeouts } from './core/types';
export { ProviderError, parseRetryAfter, errorFromStatus, type ErrorContext } from './core/provider-error';
export { runStream, backoffMs, type RunStreamOptions } from './core/run-stream';
export { priceOf, type PriceOverrides } from './core/prices';
export { providersConfigSchema, parseProvidersEnv, type ProvidersConfig } from './registry/env';
export { createProviderRegistry, type ProviderEntry, type ProviderRegistry } from './registry/create-registry';
export { createDemoAdapter, demoAnswer } from './adapters/demo';
