import { httpUrl, secret } from '../../env/env-vars';
import { defineProvider } from '../../provider-definition';
import { createGroqAdapter } from './groq-adapter';

export const groqProvider = defineProvider({
  id: 'groq',
  label: 'Groq',
  env: {
    GROQ_API_KEY: {
      schema: secret.optional(),
      doc: 'Groq API key (console.groq.com).',
      secret: true,
    },
    GROQ_BASE_URL: {
      schema: httpUrl('https://api.groq.com/openai/v1').default('https://api.groq.com/openai/v1'),
      doc: 'Groq API address.',
    },
  },
  docs: {
    what: 'Groq (usage from `x_groq.usage`)',
    configuredBy: '`GROQ_API_KEY`',
    builtOn: 'chat completions (`streamChatCompletions`), usage from `x_groq`',
  },
  missing: (config) =>
    config.GROQ_API_KEY ? null : 'Set GROQ_API_KEY in .env and restart the server.',
  create: ({ config, connectMs, describeModel }) =>
    createGroqAdapter({
      baseUrl: config.GROQ_BASE_URL,
      apiKey: config.GROQ_API_KEY ?? '',
      connectMs,
      describeModel,
    }),
});
