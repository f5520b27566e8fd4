import { APICallError } from '@ai-sdk/provider';
import { errorFromStatus, messageFromBody, ProviderError, type ErrorContext } from './provider-error';

function headerValue(headers: Record<string, string> | undefined, name: string): string | null {
  if (!headers) return null;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? (headers[key] ?? null) : null;
}

/** Whatever the AI SDK or fetch threw, as one ProviderError kind. */
export function toProviderError(ctx: ErrorContext, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  // A 2xx APICallError means the response started fine and the stream broke: a network failure.
  if (APICallError.isInstance(error) && error.statusCode !== undefined && error.statusCode >= 400) {
    return errorFromStatus(ctx, error.statusCode, messageFromBody(error.responseBody) ?? error.message, headerValue(error.responseHeaders, 'retry-after'));
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return new ProviderError(
    ctx.providerId,
    'network',
    `Lost the connection to ${ctx.label}: ${message}${cause}`,
    ctx.baseUrlVariable ? `Check that ${ctx.label} is reachable at ${ctx.baseUrlVariable}, then retry.` : 'Check the network, then retry.',
    { cause: error },
  );
}

/** fetch with a connect timeout: the response headers must arrive within `connectMs`. */
export function fetchWithConnectTimeout(connectMs: number): typeof fetch {
  return async (input, init) => {
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new Error(`no response within ${connectMs} ms`)), connectMs);
    try {
      const signal = init?.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal;
      return await fetch(input, { ...init, signal });
    } finally {
      clearTimeout(timeout);
    }
  };
}
