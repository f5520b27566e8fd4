import { httpUrl, secret } from '../../env/env-vars';
import { defineProvider } from '../../provider-definition';
import { createAnthropicAdapter } from './anthropic-adapter';

export const anthropicProvider = defineProvider({
  id: 'anthropic',
  label: 'Anthropic',
  env: {
    ANTHROPIC_API_KEY: { schema: secret.optional(), doc: 'Anthropic API key.', secret: true },
    ANTHROPIC_BASE_URL: {
      schema: httpUrl('https://api.anthropic.com/v1').default('https://api.anthropic.com/v1'),
      doc: 'Anthropic API address.',
    },
  },
  docs: {
    what: 'Anthropic (Messages API)',
    configuredBy: '`ANTHROPIC_API_KEY`',
    builtOn: '`@ai-sdk/anthropic`',
  },
  missing: (config) =>
    config.ANTHROPIC_API_KEY ? null : 'Set ANTHROPIC_API_KEY in .env and restart the server.',
  create: ({ config, connectMs, describeModel }) =>
    createAnthropicAdapter({
      baseUrl: config.ANTHROPIC_BASE_URL,
      apiKey: config.ANTHROPIC_API_KEY ?? '',
      connectMs,
      describeModel,
    }),
});
