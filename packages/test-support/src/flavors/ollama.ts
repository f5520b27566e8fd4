import type { FlavorSpec } from './flavor';
import { openai } from './openai';
import { chatModelList } from './openai-chat';

/** Ollama: its native /api routes plus the OpenAI-compatible ones under /v1. */
export const ollama: FlavorSpec = {
  ...openai,
  prefix: '',
  defaultModels: ['llama3.2:1b'],
  routes: (models) => ({
    'GET /api/version': { body: { version: '0.5.7' }, public: true },
    'GET /api/tags': {
      body: {
        models: models.map((name) => ({
          name,
          model: name,
          modified_at: '2024-12-01T00:00:00Z',
          size: 1_321_098_329,
          digest: 'baf6a787fdffd633537aa2eb51cfd54cb93ff08e28040095462bb63daf552878',
          details: {
            format: 'gguf',
            family: 'llama',
            families: ['llama'],
            parameter_size: '1.2B',
            quantization_level: 'Q8_0',
          },
        })),
      },
    },
    'GET /v1/models': { body: chatModelList(models, 'library') },
  }),
  unauthorizedMessage: 'unauthorized',
};
