import { httpUrl } from '../../env/env-vars';
import { defineProvider } from '../../provider-definition';
import { createOllamaAdapter, ollamaVersion } from './ollama-adapter';

const DEFAULT_BASE_URL = 'http://127.0.0.1:11434';

/** How long the startup/refresh probe waits: a local server answers at once or is not there. */
const PROBE_TIMEOUT_MS = 1500;

export const ollamaProvider = defineProvider({
  id: 'ollama',
  label: 'Ollama',
  env: {
    OLLAMA_BASE_URL: {
      schema: httpUrl(DEFAULT_BASE_URL).default(DEFAULT_BASE_URL),
      doc: 'Ollama server; used while /api/version answers there (checked at start and on model refresh).',
    },
  },
  docs: {
    what: 'local models (OpenAI-compatible `/v1`, models from `/api/tags`)',
    configuredBy: 'auto-detected at `OLLAMA_BASE_URL`',
    builtOn: 'chat completions at `/v1` (`streamChatCompletions`)',
  },
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
  create: ({ config, connectMs, describeModel }) =>
    createOllamaAdapter({ baseUrl: config.OLLAMA_BASE_URL, connectMs, describeModel }),
});
