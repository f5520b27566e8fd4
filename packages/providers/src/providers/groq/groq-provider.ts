import type { ProviderDefinition } from '../../registry/provider-definition';
import { createGroqAdapter } from './groq-adapter';

export const groqProvider: ProviderDefinition = {
  id: 'groq',
  label: 'Groq',
  missing: (config) =>
    config.GROQ_API_KEY ? null : 'Set GROQ_API_KEY in .env and restart the server.',
  create: ({ config, describeModel }) =>
    createGroqAdapter({
      baseUrl: config.GROQ_BASE_URL,
      apiKey: config.GROQ_API_KEY ?? '',
      connectMs: config.STREAM_CONNECT_TIMEOUT_MS,
      describeModel,
    }),
};
