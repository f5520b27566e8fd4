import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';

import type { OverBudgetDetails } from '@mlb/contracts';
import { DomainError, OverBudgetError, publicFailure } from '@mlb/domain';

import type { ApiContext } from './context';

export interface FieldIssue {
  path: string;
  message: string;
}

const t = initTRPC.context<ApiContext>().create({
  // Never send stack traces (they name internal paths), whatever NODE_ENV says.
  isDev: false,
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
        : error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE'
          ? publicFailure(error.cause).suggestion
          : zodError
            ? 'Correct the fields listed and send again.'
            : null;
    const message = fieldErrors
      ? `Invalid input: ${fieldErrors.map((f) => `${f.path}: ${f.message}`).join('; ')}`
      : shape.message;
    // A request over budget carries its forecast, for the client to show before asking again.
    const overBudget: OverBudgetDetails | null =
      error.cause instanceof OverBudgetError ? error.cause.details : null;
    return { ...shape, message, data: { ...shape.data, fieldErrors, suggestion, overBudget } };
  },
});

const CODE_MAP = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_REQUEST: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** The tRPC error a client sees for any failure (see publicFailure); the original is its cause. */
export function toTRPCError(error: unknown): TRPCError {
  const failure = publicFailure(error);
  return new TRPCError({ code: CODE_MAP[failure.code], message: failure.message, cause: error });
}

/**
 * Domain refusals become typed tRPC errors carrying their suggestion. Unexpected failures (a
 * driver's "Can't reach database server", a bug) reach the client as a plain message; the
 * original stays the error's cause, for the server log.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  if (error.cause instanceof DomainError || error.code === 'INTERNAL_SERVER_ERROR')
    throw toTRPCError(error.cause ?? error);
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(domainErrors);
export const createCallerFactory = t.createCallerFactory;
