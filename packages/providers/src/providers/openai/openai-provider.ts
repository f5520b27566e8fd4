import { httpUrl, secret } from '../../env/env-vars';
import { defineProvider } from '../../provider-definition';
import { createOpenAIAdapter } from './openai-adapter';

export const openaiProvider = defineProvider({
  id: 'openai',
  label: 'OpenAI',
  env: {
    OPENAI_API_KEY: { schema: secret.optional(), doc: 'OpenAI API key.', secret: true },
    OPENAI_BASE_URL: {
      schema: httpUrl('https://api.openai.com/v1').default('https://api.openai.com/v1'),
      doc: 'OpenAI API address.',
    },
  },
  docs: {
    what: 'OpenAI (chat completions)',
    configuredBy: '`OPENAI_API_KEY`',
    builtOn: '`@ai-sdk/openai` (chat completions)',
  },
  missing: (config) =>
    config.OPENAI_API_KEY ? null : 'Set OPENAI_API_KEY in .env and restart the server.',
  create: ({ config, connectMs, describeModel }) =>
    createOpenAIAdapter({
      baseUrl: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY ?? '',
      connectMs,
      describeModel,
    }),
});
