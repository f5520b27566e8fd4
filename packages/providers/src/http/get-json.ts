import type { z } from 'zod';

import type { ErrorContext } from '../errors/error-context';
import { errorFromStatus } from '../errors/from-status';
import { ProviderError } from '../errors/provider-error';
import { connectTimeoutError, toProviderError } from '../errors/to-provider-error';

export interface GetJsonOptions<S extends z.ZodType> {
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** The whole request, body included: model lists and health checks are small. */
  timeoutMs: number;
  schema: S;
}

/** GET one of a provider's JSON routes (model lists, health), failures as ProviderErrors. */
export async function getJson<S extends z.ZodType>(
  ctx: ErrorContext,
  url: string,
  options: GetJsonOptions<S>,
): Promise<z.output<S>> {
  const timer = new AbortController();
  const timeout = setTimeout(
    () => timer.abort(connectTimeoutError(ctx, options.timeoutMs)),
    options.timeoutMs,
  );
  try {
    const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
    const response = await fetch(url, {
      headers: { accept: 'application/json', ...options.headers },
      signal,
    });
    const text = await response.text();
    if (!response.ok)
      throw errorFromStatus(ctx, {
        status: response.status,
        body: text,
        retryAfter: response.headers.get('retry-after'),
      });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      throw new ProviderError(
        ctx.providerId,
        'unknown',
        `${ctx.label} answered ${new URL(url).pathname} with something unexpected: ${parsed.error.issues[0]?.message ?? 'invalid JSON'}.`,
        ctx.fixConnection,
      );
    }
    return parsed.data;
  } catch (error) {
    if (timer.signal.aborted && timer.signal.reason instanceof ProviderError)
      throw timer.signal.reason;
    throw toProviderError(ctx, error);
  } finally {
    clearTimeout(timeout);
  }
}
