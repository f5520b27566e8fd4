import type { ErrorContext } from '../errors/error-context';
import { connectTimeoutError } from '../errors/to-provider-error';
import { trackRequest } from './pending-requests';

/**
 * fetch whose response headers must arrive within `connectMs`; the body may then stream for as
 * long as the caller's signal allows. Node's fetch has no separate TCP connect timeout without a
 * custom undici dispatcher, and "until headers" is what a user waits on before anything can stream.
 */
export function fetchWithConnectTimeout(ctx: ErrorContext, connectMs: number): typeof fetch {
  return async (input, init) => {
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(connectTimeoutError(ctx, connectMs)), connectMs);
    const answered = trackRequest();
    try {
      return await fetch(input, {
        ...init,
        signal: init?.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal,
      });
    } finally {
      answered();
      clearTimeout(timeout);
    }
  };
}
