import type { ProviderDefinition } from '../../registry/provider-definition';
import { createAnthropicAdapter } from './anthropic-adapter';

export const anthropicProvider: ProviderDefinition = {
  id: 'anthropic',
  label: 'Anthropic',
  missing: (config) =>
    config.ANTHROPIC_API_KEY ? null : 'Set ANTHROPIC_API_KEY in .env and restart the server.',
  create: ({ config, describeModel }) =>
    createAnthropicAdapter({
      baseUrl: config.ANTHROPIC_BASE_URL,
      apiKey: config.ANTHROPIC_API_KEY ?? '',
      connectMs: config.STREAM_CONNECT_TIMEOUT_MS,
      describeModel,
    }),
};
