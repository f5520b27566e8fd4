export type Flavor = 'openai' | 'litellm' | 'groq' | 'gemini' | 'anthropic' | 'ollama';

export interface ScenarioUsage {
  /** All input tokens, cached ones included (as OpenAI and Gemini count them). */
  input: number;
  output: number;
  /** Of `input`, how many were read from the provider's prompt cache. */
  cached?: number;
}

export interface ScenarioError {
  status: number;
  /** The provider's error body; default: its real format with a generated message. */
  body?: unknown;
  /** Sent as the `retry-after` header (seconds or an HTTP date). */
  retryAfter?: string;
  /** Fail this many requests, then succeed; default: fail every request. */
  times?: number;
}

/** How a fake answers one model: text, pacing, usage and failures. */
export interface Scenario {
  /** Default: `${modelId} answers: ${prompt}` where prompt is the last user message's text. */
  text?: string | ((prompt: string, modelId: string) => string);
  /** Characters (code points, not bytes) per content chunk; default 4. */
  chunkSize?: number;
  /** Delay before the first content chunk; default 0. */
  firstTokenDelayMs?: number;
  /** Delay between content chunks; default 0. */
  tokenDelayMs?: number;
  /** Default: input = whitespace word count of all messages, output = number of chunks. */
  usage?: ScenarioUsage;
  error?: ScenarioError;
  /** Destroy the socket after this many content chunks. */
  dropAfterChunks?: number;
  /** Write each event's bytes in 1–3 byte network writes, so multi-byte characters split across reads. */
  splitUtf8?: boolean;
  /** Send the response headers, then never a token. */
  hang?: boolean;
  /** Accept the request, then never answer at all (not even headers). */
  hangBeforeHeaders?: boolean;
  /** The provider's own finish reason, e.g. `content_filter` (OpenAI), `SAFETY` (Gemini), `refusal` (Anthropic). */
  finishReason?: string;
}

export function defaultText(prompt: string, modelId: string): string {
  return `${modelId} answers: ${prompt}`;
}

/** Splits text into chunks of `size` code points, so a chunk never splits a character. */
export function chunk(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

export function wordCount(texts: string[]): number {
  return texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
}
