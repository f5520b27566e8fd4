import { GROQ_MODELS, groqChatModel } from '../fixtures/groq/models';
import { GROQ_401 } from '../fixtures/groq/stream';
import type { FlavorSpec } from './flavor';
import { openai } from './openai';
import { chatFrames } from './openai-chat';

/** Groq: OpenAI's API under /openai/v1, usage in `x_groq.usage`, context windows in the model list. */
export const groq: FlavorSpec = {
  ...openai,
  prefix: '/openai/v1',
  recordedModels: GROQ_MODELS.data.map((m) => m.id),
  frames: (plan) => chatFrames(plan, { usageIn: 'x_groq', openaiExtras: false }),
  routes: (models) => ({
    'GET /openai/v1/models': {
      body: models ? { object: 'list', data: models.map(groqChatModel) } : GROQ_MODELS,
    },
  }),
  unauthorized: () => ({ status: 401, body: GROQ_401 }),
};
