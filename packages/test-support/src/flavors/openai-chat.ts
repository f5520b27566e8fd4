import { asRecord, contentText, type Frames, type RequestView, type StreamPlan } from './flavor';

/** Pieces shared by every OpenAI-compatible API (OpenAI, LiteLLM, Groq, Ollama's /v1). */

const sse = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

export function readChatMessages(body: unknown): { all: string[]; prompt: string } {
  const messages = Array.isArray(asRecord(body).messages)
    ? (asRecord(body).messages as unknown[]).map(asRecord)
    : [];
  const lastUser = messages.findLast((m) => m.role === 'user');
  return {
    all: messages.map((m) => contentText(m.content)),
    prompt: lastUser ? contentText(lastUser.content) : '',
  };
}

export const wantsUsage = (body: unknown): boolean =>
  asRecord(asRecord(body).stream_options).include_usage === true;

export function chatStreamTarget(request: RequestView): string | null {
  if (request.method !== 'POST' || !request.path.endsWith('/chat/completions')) return null;
  const model = asRecord(request.body).model;
  return typeof model === 'string' ? model : '';
}

export function bearerAuthorized(request: RequestView, _url: URL, apiKey: string): boolean {
  return request.headers.authorization === `Bearer ${apiKey}`;
}

export function chatErrorBody(status: number, message: string): unknown {
  const type =
    status === 429
      ? 'rate_limit_exceeded'
      : status >= 500
        ? 'server_error'
        : 'invalid_request_error';
  const code =
    status === 401
      ? 'invalid_api_key'
      : status === 404
        ? 'model_not_found'
        : status === 429
          ? 'rate_limit_exceeded'
          : null;
  return { error: { message, type, param: null, code } };
}

export function chatModelList(
  models: string[],
  ownedBy: string,
  extra: Record<string, unknown> = {},
): unknown {
  return {
    object: 'list',
    data: models.map((id) => ({
      id,
      object: 'model',
      created: 1_700_000_000,
      owned_by: ownedBy,
      ...extra,
    })),
  };
}

/**
 * OpenAI chat-completion chunks: a role chunk, one per content piece, a chunk carrying
 * `finish_reason`, then a usage-only chunk when `include_usage` was asked for, then `[DONE]`.
 * Groq instead puts usage in `x_groq.usage` on the finish chunk.
 */
export function chatFrames(plan: StreamPlan, usageIn: 'include_usage' | 'x_groq'): Frames {
  const base = {
    id: plan.id,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: plan.modelId,
    system_fingerprint: 'fp_fake',
  };
  const usage = {
    prompt_tokens: plan.usage.input,
    completion_tokens: plan.usage.output,
    total_tokens: plan.usage.input + plan.usage.output,
    ...(plan.usage.cached ? { prompt_tokens_details: { cached_tokens: plan.usage.cached } } : {}),
  };
  const choice = (delta: Record<string, unknown>, finishReason: string | null) => [
    { index: 0, delta, logprobs: null, finish_reason: finishReason },
  ];
  const finish = plan.finishReason ?? 'stop';
  const groqId = { id: `req_${plan.id}` };
  const close =
    usageIn === 'x_groq'
      ? [
          sse({
            ...base,
            choices: choice({}, finish),
            x_groq: {
              ...groqId,
              usage: {
                ...usage,
                queue_time: 0.01,
                prompt_time: 0.001,
                completion_time: 0.05,
                total_time: 0.06,
              },
            },
          }),
        ]
      : [
          sse({ ...base, choices: choice({}, finish) }),
          ...(plan.includeUsage ? [sse({ ...base, choices: [], usage })] : []),
        ];
  return {
    open: [
      sse({
        ...base,
        choices: choice({ role: 'assistant', content: '' }, null),
        ...(usageIn === 'x_groq' ? { x_groq: groqId } : {}),
      }),
    ],
    chunk: (text) => sse({ ...base, choices: choice({ content: text }, null) }),
    close: [...close, 'data: [DONE]\n\n'],
  };
}
