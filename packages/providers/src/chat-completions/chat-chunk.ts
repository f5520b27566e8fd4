import type { EndReason, Usage } from '@mlb/contracts';

/**
 * The fields of an OpenAI chat-completion chunk this workspace uses, read without a schema check
 * of the whole chunk (that check cost more per token than everything else on the path): text,
 * finish reason, usage (top level, or Groq's `x_groq.usage`) and an in-stream error.
 */
export interface ChunkReading {
  text: string | null;
  finishReason: string | null;
  usage: Usage | null;
  error: { message: string; code: string | null } | null;
}

type Json = Record<string, unknown>;

const record = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function readUsage(raw: unknown): Usage | null {
  const usage = record(raw);
  if (!usage) return null;
  const input = count(usage.prompt_tokens);
  const output = count(usage.completion_tokens);
  if (input === undefined && output === undefined) return null;
  const cached = count(record(usage.prompt_tokens_details)?.cached_tokens);
  const reasoning = count(record(usage.completion_tokens_details)?.reasoning_tokens);
  return {
    inputTokens: input ?? 0,
    outputTokens: output ?? 0,
    ...(cached ? { cachedTokens: cached } : {}),
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  };
}

export function readChunk(data: string): ChunkReading {
  const chunk = record(JSON.parse(data)) ?? {};
  const error = record(chunk.error);
  const choice = Array.isArray(chunk.choices) ? record(chunk.choices[0]) : null;
  const content = record(choice?.delta)?.content;
  const finish = choice?.finish_reason;
  return {
    text: typeof content === 'string' && content !== '' ? content : null,
    finishReason: typeof finish === 'string' ? finish : null,
    usage: readUsage(chunk.usage) ?? readUsage(record(chunk.x_groq)?.usage),
    error: error
      ? {
          message: typeof error.message === 'string' ? error.message : JSON.stringify(error),
          code: typeof error.code === 'string' ? error.code : null,
        }
      : null,
  };
}

/** OpenAI's finish reasons as the workspace's (the same mapping the AI SDK's packages make). */
export function endReasonOf(finishReason: string): EndReason {
  switch (finishReason) {
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    default:
      // stop, tool_calls, function_call, eos (some servers), anything new: the answer ended.
      return 'done';
  }
}
