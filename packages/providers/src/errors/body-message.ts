/** A provider's error body, parsed when it is JSON. */
export function parseBody(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The human message inside an error body, whichever provider's format it is in: OpenAI, Groq,
 * LiteLLM and Gemini `{error:{message}}`, Anthropic `{type:'error', error:{message}}`,
 * FastAPI/vLLM `{detail}` or `{message}`, Ollama `{error: "…"}`, or plain text.
 */
export function messageFromBody(body: unknown): string | null {
  if (typeof body === 'string') {
    if (/^\s*</.test(body)) return 'the server answered with an HTML page';
    return str(body)?.slice(0, 300) ?? null;
  }
  const root = record(body);
  if (!root) return null;
  const error = root.error;
  return str(error) ?? str(record(error)?.message) ?? str(root.message) ?? str(root.detail) ?? null;
}

/** The `error.code` / `error.type` pair of an OpenAI-style error body, for finer classification. */
export function errorCodes(body: unknown): string[] {
  const error = record(record(body)?.error);
  return [error?.code, error?.type, error?.status].filter(
    (v): v is string => typeof v === 'string',
  );
}

/** A field of a record, if the value is one; for providers' own body readers. */
export { record as asRecord };
