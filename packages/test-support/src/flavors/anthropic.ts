import { ANTHROPIC_MODELS, anthropicModel } from '../fixtures/anthropic/models';
import { ANTHROPIC_401 } from '../fixtures/anthropic/stream';
import { asRecord, contentText, type FlavorSpec } from './flavor';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/**
 * Anthropic's Messages API: named SSE events, usage split across message_start and message_delta
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming; fixtures/anthropic/stream.ts).
 */
export const anthropic: FlavorSpec = {
  prefix: '/v1',
  recordedModels: ANTHROPIC_MODELS.data.map((m) => m.id),
  presentedKey: (request) => {
    const key = request.headers['x-api-key'];
    return typeof key === 'string' ? key : '';
  },
  errorBody: (status, message) => ({
    type: 'error',
    error: {
      type: ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'),
      message,
    },
  }),
  streamTarget: (request) => {
    if (request.method !== 'POST' || request.path !== '/v1/messages') return null;
    const model = asRecord(request.body).model;
    return typeof model === 'string' ? model : '';
  },
  rejects: (request) =>
    request.headers['anthropic-version']
      ? null
      : { status: 400, message: 'anthropic-version: header is required' },
  readMessages: (body) => {
    const b = asRecord(body);
    const messages = Array.isArray(b.messages) ? b.messages.map(asRecord) : [];
    const system = b.system === undefined ? [] : [contentText(b.system)];
    const lastUser = messages.findLast((m) => m.role === 'user');
    return {
      all: [...system, ...messages.map((m) => contentText(m.content))],
      prompt: lastUser ? contentText(lastUser.content) : '',
    };
  },
  includeUsage: () => true,
  frames: (plan) => {
    const ev = (type: string, data: Record<string, unknown>) =>
      `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    const cached = plan.usage.cached ?? 0;
    return {
      open: [
        // Anthropic's input_tokens excludes cache reads; they are reported beside it.
        ev('message_start', {
          message: {
            id: plan.id,
            type: 'message',
            role: 'assistant',
            model: plan.modelId,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: {
              input_tokens: plan.usage.input - cached,
              cache_creation_input_tokens: 0,
              cache_read_input_tokens: cached,
              cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
              output_tokens: 1,
              service_tier: 'standard',
              inference_geo: 'not_available',
            },
          },
        }),
        ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        ev('ping', {}),
      ],
      chunk: (text) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
      close: [
        ev('content_block_stop', { index: 0 }),
        ev('message_delta', {
          delta: { stop_reason: plan.finishReason ?? 'end_turn', stop_sequence: null },
          // Newer answers repeat the input counts here.
          usage: {
            input_tokens: plan.usage.input - cached,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: cached,
            output_tokens: plan.usage.output,
          },
        }),
        ev('message_stop', {}),
      ],
    };
  },
  routes: (models) => ({
    'GET /v1/models': {
      body: models
        ? {
            data: models.map(anthropicModel),
            has_more: false,
            first_id: models[0] ?? null,
            last_id: models.at(-1) ?? null,
          }
        : ANTHROPIC_MODELS,
    },
  }),
  unauthorized: () => ({ status: 401, body: ANTHROPIC_401 }),
};
