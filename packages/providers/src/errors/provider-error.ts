import type { ErrorKind, PaneErrorInfo } from '@mlb/contracts';

/** Kinds worth another attempt: the same request may well succeed a moment later. */
const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set([
  'rate_limit',
  'timeout',
  'upstream_unavailable',
  'network',
]);

export interface ProviderErrorOptions {
  status?: number;
  retryAfterMs?: number;
  /** Default: whether the kind is one worth retrying. */
  retryable?: boolean;
  cause?: unknown;
}

/** A provider failure in one normalized kind, with a message for the user and what to do about it. */
export class ProviderError extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;
  /** How long the provider asked us to wait (retry-after), ms. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly providerId: string,
    readonly kind: ErrorKind,
    message: string,
    readonly suggestion: string,
    options: ProviderErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.retryable = options.retryable ?? RETRYABLE_KINDS.has(kind);
  }

  toInfo(): PaneErrorInfo {
    return {
      kind: this.kind,
      message: this.message,
      suggestion: this.suggestion,
      retryable: this.retryable,
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }
}
