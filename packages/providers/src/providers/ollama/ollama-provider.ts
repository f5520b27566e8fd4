import type { ProviderDefinition } from '../../registry/provider-definition';
import { createOllamaAdapter, ollamaVersion } from './ollama-adapter';

/** How long the startup/refresh probe waits: a local server answers at once or is not there. */
const PROBE_TIMEOUT_MS = 1500;

export const ollamaProvider: ProviderDefinition = {
  id: 'ollama',
  label: 'Ollama',
  // Configured by being reachable, which only `detect` can tell.
  missing: (config) =>
    `Start Ollama (looked for at ${config.OLLAMA_BASE_URL}) or set OLLAMA_BASE_URL in .env.`,
  detect: async (config, signal) => {
    try {
      await ollamaVersion(config.OLLAMA_BASE_URL, PROBE_TIMEOUT_MS, signal);
      return true;
    } catch {
      return false;
    }
  },
  create: ({ config, describeModel }) =>
    createOllamaAdapter({
      baseUrl: config.OLLAMA_BASE_URL,
      connectMs: config.STREAM_CONNECT_TIMEOUT_MS,
      describeModel,
    }),
};
