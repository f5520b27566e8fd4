import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';

import { DomainError } from '@mlb/domain';

import type { ApiContext } from './context';

export interface FieldIssue {
  path: string;
  message: string;
}

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof z.ZodError ? error.cause : null;
    const fieldErrors: FieldIssue[] | null = zodError
      ? zodError.issues.map((issue) => ({
          path: issue.path.map(String).join('.') || '(input)',
          message: issue.message,
        }))
      : null;
    const suggestion =
      error.cause instanceof DomainError
        ? error.cause.suggestion
        : zodError
          ? 'Correct the fields listed and send again.'
          : null;
    const message = fieldErrors
      ? `Invalid input: ${fieldErrors.map((f) => `${f.path}: ${f.message}`).join('; ')}`
      : shape.message;
    return { ...shape, message, data: { ...shape.data, fieldErrors, suggestion } };
  },
});

const CODE_MAP = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_REQUEST: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export function toTRPCError(cause: DomainError): TRPCError {
  return new TRPCError({ code: CODE_MAP[cause.code], message: cause.message, cause });
}

/** Domain refusals become typed tRPC errors carrying their suggestion; anything else stays a 500. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError)
    throw toTRPCError(result.error.cause);
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(domainErrors);
export const createCallerFactory = t.createCallerFactory;
