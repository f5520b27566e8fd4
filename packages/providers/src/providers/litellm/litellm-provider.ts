import type { ProviderDefinition } from '../../registry/provider-definition';
import { createLiteLLMAdapter } from './litellm-adapter';

const DEFAULT_BASE_URL = 'http://localhost:4000';

export const litellmProvider: ProviderDefinition = {
  id: 'litellm',
  label: 'LiteLLM',
  // A proxy often needs no key, so its address alone turns it on; a key alone means the default address.
  missing: (config) =>
    config.LITELLM_BASE_URL === undefined && config.LITELLM_MASTER_KEY === undefined
      ? `Set LITELLM_BASE_URL (e.g. ${DEFAULT_BASE_URL}) and, if your proxy needs one, LITELLM_MASTER_KEY in .env.`
      : null,
  create: ({ config, describeModel }) =>
    createLiteLLMAdapter({
      baseUrl: config.LITELLM_BASE_URL ?? DEFAULT_BASE_URL,
      masterKey: config.LITELLM_MASTER_KEY,
      connectMs: config.STREAM_CONNECT_TIMEOUT_MS,
      describeModel,
    }),
};
