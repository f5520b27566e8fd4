import { OLLAMA_TAGS, OLLAMA_VERSION, ollamaModel } from '../fixtures/ollama/tags';
import type { FlavorSpec } from './flavor';
import { openai } from './openai';
import { chatFrames } from './openai-chat';

/**
 * Ollama: its native /api routes plus the OpenAI-compatible ones under /v1
 * (https://github.com/ollama/ollama/blob/main/docs/openai.md).
 */
export const ollama: FlavorSpec = {
  ...openai,
  prefix: '',
  recordedModels: OLLAMA_TAGS.models.map((m) => m.name),
  frames: (plan) => chatFrames(plan, { usageIn: 'include_usage', openaiExtras: false }),
  routes: (models) => {
    const tags = models ? { models: models.map(ollamaModel) } : OLLAMA_TAGS;
    return {
      'GET /api/version': { body: OLLAMA_VERSION, public: true },
      'GET /api/tags': { body: tags },
      'GET /v1/models': {
        body: {
          object: 'list',
          data: tags.models.map((m) => ({
            id: m.name,
            object: 'model',
            created: 1756169721,
            owned_by: 'library',
          })),
        },
      },
    };
  },
  // Ollama has no keys; a proxy in front of it would answer 401 in its own words.
  unauthorized: () => ({ status: 401, body: { error: 'unauthorized' } }),
};
