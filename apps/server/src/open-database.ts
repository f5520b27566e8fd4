import { createDb, describeDatabaseUrl, isDatabaseUnavailable, type Db } from '@mlb/db';
import type { Logger } from '@mlb/logger';

/** Thrown when the database cannot be opened; its message is meant for the person starting the server. */
export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

const reasonOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

/**
 * Opens (and migrates) the database. One that does not answer yet, as when the server and its
 * database start together, is waited for up to `waitMs`, with a line in the log on each try that
 * names DATABASE_URL (password masked) and what to check.
 */
export async function openDatabase(url: string, logger: Logger, waitMs: number): Promise<Db> {
  const where = describeDatabaseUrl(url);
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await createDb({ url, logger: logger.child({ component: 'db' }) });
    } catch (error) {
      const reason = reasonOf(error);
      if (!isDatabaseUnavailable(error))
        throw new DatabaseStartError(
          `Could not open the database at ${where} (DATABASE_URL): ${reason}`,
          { cause: error },
        );
      const left = deadline - Date.now();
      if (left <= 0)
        throw new DatabaseStartError(
          `The database at ${where} (DATABASE_URL) did not answer for ${Math.round(waitMs / 1000)} s: ${reason}. ` +
            'Check that the database server is running and reachable from here, and that DATABASE_URL names it; ' +
            'DATABASE_WAIT_MS sets how long to wait.',
          { cause: error },
        );
      const delayMs = Math.min(left, 500 * 2 ** Math.min(attempt - 1, 4));
      logger.warn(
        { database: where, attempt, retryInMs: delayMs, reason },
        'waiting for the database (DATABASE_URL): is it running and reachable?',
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
