import { httpUrl, secret } from '../../env/env-vars';
import { defineProvider } from '../../provider-definition';
import { createLiteLLMAdapter } from './litellm-adapter';

const DEFAULT_BASE_URL = 'http://localhost:4000';

export const litellmProvider = defineProvider({
  id: 'litellm',
  label: 'LiteLLM',
  env: {
    // No default: setting the address is what turns LiteLLM on.
    LITELLM_BASE_URL: {
      schema: httpUrl(DEFAULT_BASE_URL).optional(),
      doc: `LiteLLM proxy address, e.g. ${DEFAULT_BASE_URL} (with or without /v1); setting it turns LiteLLM on.`,
    },
    LITELLM_MASTER_KEY: {
      schema: secret.optional(),
      doc: `The proxy's master or virtual key, sent as a bearer token (alone: the proxy at ${DEFAULT_BASE_URL}).`,
      secret: true,
    },
  },
  docs: {
    what: 'a LiteLLM proxy (OpenAI-compatible; health via `/health/liveliness`)',
    configuredBy: '`LITELLM_BASE_URL`, `LITELLM_MASTER_KEY`',
    builtOn: 'chat completions (`streamChatCompletions`)',
  },
  // A proxy often needs no key, so its address alone turns it on; a key alone means the default address.
  missing: (config) =>
    config.LITELLM_BASE_URL === undefined && config.LITELLM_MASTER_KEY === undefined
      ? `Set LITELLM_BASE_URL (e.g. ${DEFAULT_BASE_URL}) and, if your proxy needs one, LITELLM_MASTER_KEY in .env.`
      : null,
  create: ({ config, connectMs, describeModel }) =>
    createLiteLLMAdapter({
      baseUrl: config.LITELLM_BASE_URL ?? DEFAULT_BASE_URL,
      masterKey: config.LITELLM_MASTER_KEY,
      connectMs,
      describeModel,
    }),
});
