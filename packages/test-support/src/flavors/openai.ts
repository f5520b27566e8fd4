import type { FlavorSpec } from './flavor';
import {
  bearerAuthorized,
  chatErrorBody,
  chatFrames,
  chatModelList,
  chatStreamTarget,
  readChatMessages,
  wantsUsage,
} from './openai-chat';

export const openai: FlavorSpec = {
  prefix: '/v1',
  defaultModels: ['gpt-4o-mini', 'gpt-4o'],
  authorized: bearerAuthorized,
  errorBody: chatErrorBody,
  streamTarget: chatStreamTarget,
  readMessages: readChatMessages,
  includeUsage: wantsUsage,
  frames: (plan) => chatFrames(plan, 'include_usage'),
  routes: (models) => ({ 'GET /v1/models': { body: chatModelList(models, 'openai') } }),
  unauthorizedMessage:
    'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.',
};
