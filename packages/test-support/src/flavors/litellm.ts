import type { FlavorSpec } from './flavor';
import { openai } from './openai';
import { chatModelList } from './openai-chat';

/** LiteLLM's proxy: OpenAI's API at both `/` and `/v1`, plus its health routes. */
export const litellm: FlavorSpec = {
  ...openai,
  defaultModels: ['gpt-4o-mini', 'claude-3-5-haiku'],
  routes: (models) => ({
    'GET /v1/models': { body: chatModelList(models, 'openai') },
    'GET /models': { body: chatModelList(models, 'openai') },
    'GET /health/liveliness': { body: "I'm alive!", public: true },
    'GET /health/readiness': {
      body: { status: 'connected', db: 'Not connected', litellm_version: '1.55.0' },
      public: true,
    },
  }),
  unauthorizedMessage: 'Authentication Error, Invalid proxy server token passed.',
};
