import { isDatabaseUnavailable } from '@mlb/db';

import { DomainError } from './errors';

/**
 * What an API client may be told about a failure: a DomainError as it is, a database that is away
 * in plain words, anything else as a generic message. Never a driver's text, a stack or a path:
 * those go to the server log only.
 */
export function publicFailure(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error))
    return new DomainError(
      'SERVICE_UNAVAILABLE',
      'The database is not answering right now.',
      'Try again in a moment. If it lasts, check that the database named by DATABASE_URL is running and reachable.',
    );
  return new DomainError(
    'INTERNAL_SERVER_ERROR',
    'Something went wrong on the server.',
    'Try again. If it keeps failing, the server log has the details.',
  );
}
