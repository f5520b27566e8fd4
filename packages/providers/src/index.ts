export type {
  ChatMessage,
  HealthResult,
  ProviderAdapter,
  RetryPolicy,
  StreamPart,
  StreamRequest,
  Timeouts,
} from './types';
export { ProviderError, type ProviderErrorOptions } from './errors/provider-error';
export { runStream, type RunStreamOptions } from './stream/run-stream';
export { requestsSent } from './http/pending-requests';
export {
  providersConfigSchema,
  parseProvidersEnv,
  type ProvidersConfig,
  type CustomProviderConfig,
} from './registry/env';
export {
  createProviderRegistry,
  type ProviderRegistry,
  type ProviderListing,
} from './registry/create-registry';
export { demoAnswer } from './providers/demo/demo-answer';
