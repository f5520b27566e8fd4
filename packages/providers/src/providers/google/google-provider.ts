import { httpUrl, secret } from '../../env/env-vars';
import { defineProvider } from '../../provider-definition';
import { createGoogleAdapter } from './google-adapter';

const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

export const googleProvider = defineProvider({
  id: 'google',
  label: 'Google Gemini',
  env: {
    GOOGLE_API_KEY: {
      schema: secret.optional(),
      doc: 'Gemini API key (Google AI Studio).',
      secret: true,
    },
    GOOGLE_BASE_URL: {
      schema: httpUrl(DEFAULT_BASE_URL).default(DEFAULT_BASE_URL),
      doc: 'Gemini API address (v1beta).',
    },
  },
  docs: {
    what: 'Gemini API (`streamGenerateContent?alt=sse`; models from `GET /models`)',
    configuredBy: '`GOOGLE_API_KEY`',
    builtOn: '`@ai-sdk/google`',
  },
  missing: (config) =>
    config.GOOGLE_API_KEY ? null : 'Set GOOGLE_API_KEY in .env and restart the server.',
  create: ({ config, connectMs, describeModel }) =>
    createGoogleAdapter({
      baseUrl: config.GOOGLE_BASE_URL,
      apiKey: config.GOOGLE_API_KEY ?? '',
      connectMs,
      describeModel,
    }),
});
