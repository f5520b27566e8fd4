import type { FlavorSpec } from './flavor';
import { openai } from './openai';
import { chatFrames, chatModelList } from './openai-chat';

/** Groq: OpenAI's API under /openai/v1, usage in `x_groq.usage`, context windows in the model list. */
export const groq: FlavorSpec = {
  ...openai,
  prefix: '/openai/v1',
  defaultModels: ['llama-3.1-8b-instant', 'llama-3.3-70b-versatile'],
  frames: (plan) => chatFrames(plan, 'x_groq'),
  routes: (models) => ({
    'GET /openai/v1/models': {
      body: chatModelList(models, 'Meta', {
        active: true,
        context_window: 131_072,
        public_apps: null,
      }),
    },
  }),
  unauthorizedMessage: 'Invalid API Key',
};
