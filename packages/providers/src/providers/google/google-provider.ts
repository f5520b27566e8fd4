import type { ProviderDefinition } from '../../registry/provider-definition';
import { createGoogleAdapter } from './google-adapter';

export const googleProvider: ProviderDefinition = {
  id: 'google',
  label: 'Google Gemini',
  missing: (config) =>
    config.GOOGLE_API_KEY ? null : 'Set GOOGLE_API_KEY in .env and restart the server.',
  create: ({ config, describeModel }) =>
    createGoogleAdapter({
      baseUrl: config.GOOGLE_BASE_URL,
      apiKey: config.GOOGLE_API_KEY ?? '',
      connectMs: config.STREAM_CONNECT_TIMEOUT_MS,
      describeModel,
    }),
};
