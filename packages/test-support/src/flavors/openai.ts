import { openai401 } from '../fixtures/openai/errors';
import { OPENAI_MODELS } from '../fixtures/openai/models';
import type { FlavorSpec } from './flavor';
import {
  bearerKey,
  chatErrorBody,
  chatFrames,
  chatStreamTarget,
  readChatMessages,
  wantsUsage,
} from './openai-chat';

const entry = (id: string) => ({ id, object: 'model', created: 1721172741, owned_by: 'system' });

/** OpenAI's chat completions API (https://platform.openai.com/docs/api-reference/chat/streaming). */
export const openai: FlavorSpec = {
  prefix: '/v1',
  recordedModels: OPENAI_MODELS.data.map((m) => m.id),
  presentedKey: bearerKey,
  errorBody: chatErrorBody,
  streamTarget: chatStreamTarget,
  readMessages: readChatMessages,
  includeUsage: wantsUsage,
  frames: (plan) => chatFrames(plan, { usageIn: 'include_usage', openaiExtras: true }),
  routes: (models) => ({
    'GET /v1/models': {
      body: models ? { object: 'list', data: models.map(entry) } : OPENAI_MODELS,
    },
  }),
  unauthorized: (key) => ({ status: 401, body: openai401(key) }),
};
