import type { Flavor } from './scenario';

export interface StreamPlan {
  id: string;
  modelId: string;
  chunks: string[];
  usage: { input: number; output: number; cached?: number };
  includeUsage: boolean;
}

const sse = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

/** Each provider's exact streaming frames for one answer: opening, one per chunk, closing. */
export function frames(flavor: Flavor, plan: StreamPlan): { open: string[]; chunk: (text: string) => string; close: string[] } {
  const created = 1_700_000_000;
  if (flavor === 'gemini') {
    const usageMetadata = {
      promptTokenCount: plan.usage.input,
      candidatesTokenCount: plan.usage.output,
      totalTokenCount: plan.usage.input + plan.usage.output,
      ...(plan.usage.cached ? { cachedContentTokenCount: plan.usage.cached } : {}),
    };
    // The real API separates events with CRLF CRLF.
    const event = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;
    return {
      open: [],
      chunk: (text) => event({ candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }], usageMetadata: { promptTokenCount: plan.usage.input, totalTokenCount: plan.usage.input }, modelVersion: plan.modelId }),
      close: [event({ candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: plan.modelId })],
    };
  }
  if (flavor === 'anthropic') {
    const ev = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    return {
      open: [
        ev('message_start', { type: 'message_start', message: { id: plan.id, type: 'message', role: 'assistant', model: plan.modelId, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: plan.usage.input, output_tokens: 1, cache_read_input_tokens: plan.usage.cached ?? 0 } } }),
        ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        ev('ping', { type: 'ping' }),
      ],
      chunk: (text) => ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
      close: [
        ev('content_block_stop', { type: 'content_block_stop', index: 0 }),
        ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: plan.usage.output } }),
        ev('message_stop', { type: 'message_stop' }),
      ],
    };
  }
  // OpenAI chat completions (also LiteLLM, Groq, Ollama's /v1).
  const base = { id: plan.id, object: 'chat.completion.chunk', created, model: plan.modelId, system_fingerprint: 'fp_fake' };
  const usage = {
    prompt_tokens: plan.usage.input,
    completion_tokens: plan.usage.output,
    total_tokens: plan.usage.input + plan.usage.output,
    ...(plan.usage.cached ? { prompt_tokens_details: { cached_tokens: plan.usage.cached } } : {}),
  };
  const close: string[] = [];
  if (flavor === 'groq') {
    // Groq reports usage in x_groq on the last chunk, not through include_usage.
    close.push(sse({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], x_groq: { id: `req_${plan.id}`, usage: { ...usage, queue_time: 0.01, prompt_time: 0.001, completion_time: 0.05, total_time: 0.06 } } }));
  } else {
    close.push(sse({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] }));
    if (plan.includeUsage) close.push(sse({ ...base, choices: [], usage }));
  }
  close.push('data: [DONE]\n\n');
  return {
    open: [sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] })],
    chunk: (text) => sse({ ...base, choices: [{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }] }),
    close,
  };
}

/** Each provider's error body for a status, as its real API sends it. */
export function errorBody(flavor: Flavor, status: number, message: string): unknown {
  if (flavor === 'gemini') {
    const statusName = status === 429 ? 'RESOURCE_EXHAUSTED' : status === 401 || status === 403 ? 'PERMISSION_DENIED' : status === 400 ? 'INVALID_ARGUMENT' : status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE';
    return { error: { code: status, message, status: statusName } };
  }
  if (flavor === 'anthropic') {
    const type = status === 429 ? 'rate_limit_error' : status === 401 ? 'authentication_error' : status === 529 ? 'overloaded_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
    return { type: 'error', error: { type, message } };
  }
  const type = status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_request_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, code: status === 401 ? 'invalid_api_key' : null } };
}
