import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';

import type { AppRouter } from '@mlb/api';

/** WebSocket close code for a message over the receiver's size limit (RFC 6455, 7.4.1). */
export const MESSAGE_TOO_BIG = 1009;

/** Upgrade refusals that retrying cannot fix: the client stops reconnecting and says why. */
const REFUSED_UPGRADE: Record<number, (withToken: boolean) => string> = {
  401: (withToken) =>
    withToken
      ? 'The workspace refused the access token (401): pass the ACCESS_TOKEN it was started with as `token`.'
      : 'The workspace requires sign-in (401): pass its ACCESS_TOKEN as createClient({ url, token }).',
  403: () =>
    'The workspace refused this connection (403): it accepts pages of its own origin and ALLOWED_ORIGINS only.',
  421: () =>
    'The workspace does not answer to this host name (421): use its address, or add the name to its ALLOWED_HOSTS.',
};

/** Walks an error's causes for the status of a refused WebSocket upgrade (the `ws` package names it). */
export function refusedUpgradeStatus(error: unknown): number | null {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const message = (cause as { message?: unknown }).message;
    const status =
      typeof message === 'string' && /Unexpected server response: (\d{3})/.exec(message);
    if (status) return Number(status[1]);
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

export function describeRefusedUpgrade(status: number, withToken: boolean): string | null {
  return REFUSED_UPGRADE[status]?.(withToken) ?? null;
}

const tooBig = (error: TRPCClientError<AppRouter>) =>
  (error.cause as { code?: unknown } | undefined)?.code === MESSAGE_TOO_BIG;

/**
 * Turns the socket's bare failures into errors that say what happened: a message over the
 * server's limit (the server closes with 1009, which tRPC reports as "Unknown error"), and an
 * upgrade the server refused for good (`refusal()`), which otherwise leaves calls waiting.
 */
export function connectionErrorsLink(refusal: () => string | null): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (value) => observer.next(value),
          error: (error) => {
            const refused = refusal();
            if (refused) return observer.error(new TRPCClientError(refused, { cause: error }));
            if (tooBig(error))
              return observer.error(
                new TRPCClientError(
                  `The workspace closed the connection: a message was larger than it accepts (WebSocket close ${MESSAGE_TOO_BIG}, message too big). Every valid input fits, so check the size of the prompt and system prompts, or send fewer large calls at once.`,
                  { cause: error },
                ),
              );
            observer.error(error);
          },
          complete: () => {
            // A subscription the closed client completed ends with the reason, not silently.
            const refused = op.type === 'subscription' ? refusal() : null;
            if (refused) observer.error(new TRPCClientError(refused));
            else observer.complete();
          },
        }),
      );
}
