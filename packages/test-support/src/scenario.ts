export type Flavor = 'openai' | 'litellm' | 'groq' | 'gemini' | 'anthropic' | 'ollama';

export interface Scenario {
  /** Default: `${modelId} answers: ${prompt}` where prompt is the last user message. */
  text?: string | ((prompt: string, modelId: string) => string);
  /** Characters (not bytes) per content chunk; default 4. */
  chunkSize?: number;
  firstTokenDelayMs?: number;
  tokenDelayMs?: number;
  /** Default: input = whitespace word count of all messages, output = number of chunks. */
  usage?: { input: number; output: number; cached?: number };
  /** Fail this many requests (default: all) with this status, body and retry-after. */
  error?: { status: number; body?: unknown; retryAfter?: string; times?: number };
  /** Destroy the socket after this many content chunks. */
  dropAfterChunks?: number;
  /** Write each event's bytes in 1–3 byte writes, so multi-byte characters split across reads. */
  splitUtf8?: boolean;
  /** Send headers, then nothing. */
  hang?: boolean;
}

export function defaultText(prompt: string, modelId: string): string {
  return `${modelId} answers: ${prompt}`;
}

/** Splits text into chunks of `size` characters (code points, so emoji stay whole). */
export function chunk(text: string, size: number): string[] {
  // Code points keep surrogate pairs whole, which is what a network split must not break.
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

export function wordCount(texts: string[]): number {
  return texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
}
