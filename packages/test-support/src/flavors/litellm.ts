import {
  LITELLM_LIVELINESS,
  LITELLM_MODELS,
  litellm401,
  litellmModelList,
} from '../fixtures/litellm/models';
import type { FlavorSpec } from './flavor';
import { openai } from './openai';
import { chatFrames } from './openai-chat';

/** LiteLLM's proxy: OpenAI's API at both `/` and `/v1`, plus its health routes. */
export const litellm: FlavorSpec = {
  ...openai,
  recordedModels: LITELLM_MODELS.data.map((m) => m.id),
  // The proxy builds its own chunks in OpenAI's format, without OpenAI's service_tier/obfuscation.
  frames: (plan) => chatFrames(plan, { usageIn: 'include_usage', openaiExtras: false }),
  routes: (models) => {
    const list = models ? litellmModelList(models) : LITELLM_MODELS;
    return {
      'GET /v1/models': { body: list },
      'GET /models': { body: list },
      'GET /health/liveliness': { body: LITELLM_LIVELINESS, public: true },
      'GET /health/readiness': {
        body: { status: 'connected', db: 'Not connected', litellm_version: '1.55.0' },
        public: true,
      },
    };
  },
  unauthorized: (key) => ({ status: 401, body: litellm401(key) }),
};
