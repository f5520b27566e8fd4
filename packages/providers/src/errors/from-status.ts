import type { ErrorKind } from '@mlb/contracts';

import { errorCodes, messageFromBody, parseBody } from './body-message';
import type { ErrorContext } from './error-context';
import { ProviderError } from './provider-error';
import { parseRetryAfter } from './retry-after';

export interface HttpFailure {
  status: number;
  /** The raw response body. */
  body: string | undefined;
  /** The `retry-after` header. */
  retryAfter?: string | null | undefined;
  /** The model the request was for, to name it in a 404. */
  modelId?: string;
}

const CONTENT_FILTER_CODES = new Set([
  'content_filter',
  'content_policy_violation',
  'content_filtered',
]);

function kindOf(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'authentication';
  if (status === 429) return 'rate_limit';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'upstream_unavailable';
  if (status >= 400) return 'bad_request';
  return 'unknown';
}

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

/** An HTTP failure from a provider as one ProviderError: kind, the provider's own message, what to do. */
export function errorFromStatus(ctx: ErrorContext, failure: HttpFailure): ProviderError {
  const { status } = failure;
  const body = parseBody(failure.body);
  const hints = ctx.readErrorBody?.(status, body) ?? null;
  const codes = errorCodes(body);
  let kind = hints?.kind ?? kindOf(status);
  if (!hints?.kind && codes.some((c) => CONTENT_FILTER_CODES.has(c))) kind = 'content_filtered';
  // Out of credit is not a passing rate limit: waiting will not help.
  const quotaExhausted = kind === 'rate_limit' && codes.includes('insufficient_quota');
  const retryAfterMs = parseRetryAfter(failure.retryAfter) ?? hints?.retryAfterMs;
  const said = messageFromBody(body);
  const detail = said ? `: ${said}` : '';
  const { label } = ctx;
  const options = {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(quotaExhausted ? { retryable: false } : {}),
  };
  const make = (message: string, suggestion: string) =>
    new ProviderError(ctx.providerId, kind, message, suggestion, options);

  switch (kind) {
    case 'authentication':
      return make(`${label} rejected the credentials (${status})${detail}`, ctx.fixCredentials);
    case 'rate_limit':
      if (quotaExhausted)
        return make(
          `${label} says the account is out of quota (${status})${detail}`,
          `Check the billing and quota of the ${label} account, or pick another provider.`,
        );
      return make(
        `${label} is rate limiting requests (${status})${detail}`,
        retryAfterMs === undefined
          ? 'Wait a moment and retry, or run fewer panes on this provider at once.'
          : `${label} asked to wait ${seconds(retryAfterMs)}; retry after that, or run fewer panes on this provider at once.`,
      );
    case 'timeout':
      return make(
        `${label} timed out (${status})${detail}`,
        'Retry; if it keeps happening, try a shorter prompt or another model.',
      );
    case 'upstream_unavailable':
      return make(
        `${label} is unavailable right now (${status})${detail}`,
        'Retry in a moment; the other providers are unaffected.',
      );
    case 'content_filtered':
      return make(
        `${label}'s content filter blocked this request (${status})${detail}`,
        'Rephrase the prompt, or try another model.',
      );
    case 'bad_request':
      if (status === 404) {
        const what = failure.modelId ? `the model "${failure.modelId}"` : 'this model or route';
        return make(
          `${label} does not know ${what} (404)${detail}`,
          'Pick a model from models.list (refresh the model list); the provider may have renamed or retired it.',
        );
      }
      return make(
        `${label} refused the request (${status})${detail}`,
        'Check the model parameters (temperature, max tokens, top-p) and the prompt length.',
      );
    default:
      return make(
        `${label} answered with HTTP ${status}${detail}`,
        'Retry; if it keeps failing, check the server log.',
      );
  }
}
