import type { ProviderDefinition } from '../../registry/provider-definition';
import { createOpenAIAdapter } from './openai-adapter';

export const openaiProvider: ProviderDefinition = {
  id: 'openai',
  label: 'OpenAI',
  missing: (config) =>
    config.OPENAI_API_KEY ? null : 'Set OPENAI_API_KEY in .env and restart the server.',
  create: ({ config, describeModel }) =>
    createOpenAIAdapter({
      baseUrl: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY ?? '',
      connectMs: config.STREAM_CONNECT_TIMEOUT_MS,
      describeModel,
    }),
};
