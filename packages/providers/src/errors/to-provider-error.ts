import { APICallError } from '@ai-sdk/provider';

import type { ErrorContext } from './error-context';
import { errorFromStatus } from './from-status';
import { ProviderError } from './provider-error';

function* causes(error: unknown): Generator {
  const seen = new Set<unknown>();
  for (
    let current = error;
    current !== undefined && current !== null && !seen.has(current);
    current = current instanceof Error ? current.cause : undefined
  ) {
    seen.add(current);
    yield current;
  }
}

/** The innermost useful reason, e.g. "connect ECONNREFUSED 127.0.0.1:9" or "terminated". */
function rootReason(error: unknown): string {
  let reason = error instanceof Error ? error.message : String(error);
  for (const cause of causes(error)) {
    if (cause instanceof Error && cause.message) reason = cause.message;
    const code = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && !reason.includes(code)) reason = `${reason} (${code})`;
  }
  return reason;
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Whatever the AI SDK, fetch or a socket threw, as one ProviderError. */
export function toProviderError(
  ctx: ErrorContext,
  error: unknown,
  modelId?: string,
): ProviderError {
  for (const cause of causes(error)) if (cause instanceof ProviderError) return cause;

  if (APICallError.isInstance(error) && error.statusCode !== undefined && error.statusCode >= 400) {
    return errorFromStatus(ctx, {
      status: error.statusCode,
      body: error.responseBody,
      retryAfter: header(error.responseHeaders, 'retry-after'),
      ...(modelId ? { modelId } : {}),
    });
  }
  // The SDK reports a body that broke off after a 2xx as an APICallError carrying that 2xx.
  if (APICallError.isInstance(error) && error.statusCode !== undefined) {
    return new ProviderError(
      ctx.providerId,
      'network',
      `The connection to ${ctx.label} broke off mid-answer (${rootReason(error)}).`,
      'Retry the pane; the text received so far is kept.',
      { cause: error },
    );
  }
  const isNetwork =
    APICallError.isInstance(error) ||
    [...causes(error)].some(
      (c) => c instanceof TypeError && /fetch failed|failed to fetch/i.test(c.message),
    );
  if (isNetwork) {
    return new ProviderError(
      ctx.providerId,
      'network',
      `Could not reach ${ctx.label}: ${rootReason(error)}.`,
      ctx.fixConnection,
      { cause: error },
    );
  }
  return new ProviderError(
    ctx.providerId,
    'unknown',
    `${ctx.label} failed: ${rootReason(error)}`,
    'Retry; if it keeps failing, check the server log.',
    { cause: error },
  );
}

/** The upstream did not send its response headers in time. */
export function connectTimeoutError(ctx: ErrorContext, ms: number): ProviderError {
  return new ProviderError(
    ctx.providerId,
    'timeout',
    `${ctx.label} did not respond within ${ms} ms.`,
    `${ctx.fixConnection} If it is just slow, raise STREAM_CONNECT_TIMEOUT_MS.`,
  );
}
