import { z } from 'zod';

/** Normalized failure kinds: every provider error maps to exactly one. */
export const errorKindSchema = z.enum([
  'authentication',
  'rate_limit',
  'timeout',
  'upstream_unavailable',
  'bad_request',
  'content_filtered',
  'network',
  'not_configured',
  'unknown',
]);
export type ErrorKind = z.infer<typeof errorKindSchema>;

export interface PaneErrorInfo {
  kind: ErrorKind;
  /** What happened, in words a user understands. */
  message: string;
  /** What to do about it, e.g. "Set GROQ_API_KEY in .env and restart." */
  suggestion: string;
  retryable: boolean;
  /** HTTP status from the upstream, when there was one. */
  status?: number;
}
