import type { ErrorKind, PaneErrorInfo } from '@mlb/contracts';

const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['rate_limit', 'timeout', 'upstream_unavailable', 'network']);

/** A provider failure in one normalized kind, with words for the user and what to do about it. */
export class ProviderError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly providerId: string,
    readonly kind: ErrorKind,
    message: string,
    readonly suggestion: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.retryable = options.retryable ?? RETRYABLE.has(kind);
  }

  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  toInfo(): PaneErrorInfo {
    return { kind: this.kind, message: this.message, suggestion: this.suggestion, retryable: this.retryable, ...(this.status !== undefined ? { status: this.status } : {}) };
  }
}

/** `retry-after` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface ErrorContext {
  providerId: string;
  label: string;
  /** The variable(s) that hold this provider's credentials, for suggestions. */
  keyVariable: string | null;
  baseUrlVariable: string | null;
}

/** Maps an HTTP status and the provider's own message to a kind, message and suggestion. */
export function errorFromStatus(ctx: ErrorContext, status: number, providerMessage: string | null, retryAfter?: string | null): ProviderError {
  const detail = providerMessage ? `: ${providerMessage}` : '';
  const retryAfterMs = parseRetryAfter(retryAfter);
  const opts = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 401 || status === 403) {
    return new ProviderError(ctx.providerId, 'authentication', `${ctx.label} rejected the credentials (${status})${detail}`, ctx.keyVariable ? `Check ${ctx.keyVariable} in .env and restart the server.` : 'Check the provider credentials.', opts);
  }
  if (status === 429) {
    return new ProviderError(ctx.providerId, 'rate_limit', `${ctx.label} is rate limiting requests (429)${detail}`, 'Wait a moment and retry, or lower how many panes use this provider at once.', opts);
  }
  if (status === 408 || status === 504) {
    return new ProviderError(ctx.providerId, 'timeout', `${ctx.label} timed out (${status})${detail}`, 'Retry; if it keeps happening, try a smaller prompt or another model.', opts);
  }
  if (status >= 500) {
    return new ProviderError(ctx.providerId, 'upstream_unavailable', `${ctx.label} is unavailable (${status})${detail}`, 'Retry in a moment; other providers are unaffected.', opts);
  }
  if (status === 404) {
    return new ProviderError(ctx.providerId, 'bad_request', `${ctx.label} does not know this model or route (404)${detail}`, 'Pick a model from models.list.', opts);
  }
  return new ProviderError(ctx.providerId, 'bad_request', `${ctx.label} refused the request (${status})${detail}`, 'Check the model parameters (temperature, max tokens) and the prompt.', opts);
}

/** The human message inside an error body of any of the providers' formats. */
export function messageFromBody(body: string | undefined): string | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    if (typeof parsed.error === 'string') return parsed.error;
    return parsed.error?.message ?? parsed.message ?? null;
  } catch {
    return body.slice(0, 300);
  }
}
