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

export function bearerKey(request: RequestView): string {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
}

/**
 * OpenAI's error format (https://platform.openai.com/docs/guides/error-codes):
 * `{ error: { message, type, param, code } }`.
 */
export function chatErrorBody(status: number, message: string): unknown {
  const type =
    status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error';
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

/** Where a provider's stream differs from OpenAI's own. */
export interface ChatFraming {
  /** Groq: usage in `x_groq.usage` (and top-level `usage`) on the finish chunk, no usage chunk. */
  usageIn: 'include_usage' | 'x_groq';
  /** OpenAI adds service_tier, `usage: null` on every chunk when include_usage is on, and an obfuscation pad. */
  openaiExtras: boolean;
}

/**
 * Chat-completion chunks as recorded from the real APIs (fixtures/openai/stream.ts,
 * fixtures/groq/stream.ts): a role chunk, one per content piece, a chunk carrying
 * `finish_reason`, then a usage-only chunk with empty `choices` when `include_usage` was asked
 * for, then `[DONE]`. Groq instead puts usage on the finish chunk.
 */
export function chatFrames(plan: StreamPlan, framing: ChatFraming): Frames {
  const base = {
    id: plan.id,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: plan.modelId,
    ...(framing.openaiExtras ? { service_tier: 'default' } : {}),
    system_fingerprint: 'fp_fake',
  };
  const extras =
    framing.openaiExtras && plan.includeUsage ? { usage: null, obfuscation: 'pad' } : {};
  const usage = {
    prompt_tokens: plan.usage.input,
    completion_tokens: plan.usage.output,
    total_tokens: plan.usage.input + plan.usage.output,
    ...(framing.openaiExtras
      ? {
          prompt_tokens_details: { cached_tokens: plan.usage.cached ?? 0, audio_tokens: 0 },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        }
      : plan.usage.cached
        ? { prompt_tokens_details: { cached_tokens: plan.usage.cached } }
        : {}),
  };
  const choice = (delta: Record<string, unknown>, finishReason: string | null) => [
    { index: 0, delta, logprobs: null, finish_reason: finishReason },
  ];
  const finish = plan.finishReason ?? 'stop';
  const groqId = `req_${plan.id}`;
  const close =
    framing.usageIn === 'x_groq'
      ? [
          sse({
            ...base,
            choices: choice({}, finish),
            x_groq: {
              id: groqId,
              usage: {
                queue_time: 0.01,
                ...usage,
                prompt_time: 0.001,
                completion_time: 0.05,
                total_time: 0.06,
              },
            },
            usage: {
              queue_time: 0.01,
              ...usage,
              prompt_time: 0.001,
              completion_time: 0.05,
              total_time: 0.06,
            },
          }),
        ]
      : [
          sse({ ...base, choices: choice({}, finish), ...extras }),
          ...(plan.includeUsage
            ? [
                sse({
                  ...base,
                  choices: [],
                  usage,
                  ...(framing.openaiExtras ? { obfuscation: 'pad' } : {}),
                }),
              ]
            : []),
        ];
  const roleDelta = framing.openaiExtras
    ? { role: 'assistant', content: '', refusal: null }
    : { role: 'assistant', content: '' };
  return {
    open: [
      sse({
        ...base,
        choices: choice(roleDelta, null),
        ...extras,
        ...(framing.usageIn === 'x_groq' ? { x_groq: { id: groqId, seed: 1535227698 } } : {}),
      }),
    ],
    chunk: (text) => sse({ ...base, choices: choice({ content: text }, null), ...extras }),
    close: [...close, 'data: [DONE]\n\n'],
  };
}
