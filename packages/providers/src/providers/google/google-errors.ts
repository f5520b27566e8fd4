import { asRecord } from '../../errors/body-message';
import type { ErrorBodyHints } from '../../errors/error-context';

/** "37s" or "1.5s", as google.rpc.RetryInfo writes its retryDelay. */
function durationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/**
 * Gemini puts what matters in `error.details`: how long to back off (RetryInfo, instead of a
 * retry-after header) and why a key was refused (ErrorInfo API_KEY_INVALID, sent as a 400).
 */
export function readGeminiErrorBody(_status: number, body: unknown): ErrorBodyHints | null {
  const details = asRecord(body)?.error;
  const list = asRecord(details)?.details;
  if (!Array.isArray(list)) return null;
  const hints: ErrorBodyHints = {};
  for (const item of list.map(asRecord)) {
    const type = item?.['@type'];
    if (type === 'type.googleapis.com/google.rpc.RetryInfo') {
      const ms = durationMs(item?.retryDelay);
      if (ms !== undefined) hints.retryAfterMs = ms;
    }
    if (
      type === 'type.googleapis.com/google.rpc.ErrorInfo' &&
      (item?.reason === 'API_KEY_INVALID' || item?.reason === 'API_KEY_SERVICE_BLOCKED')
    ) {
      hints.kind = 'authentication';
    }
  }
  return hints;
}
