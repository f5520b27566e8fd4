export type DatabaseTarget =
  | {
      provider: 'sqlite';
      /** As given: relative paths resolve against the process's working directory. */ file: string;
    }
  | {
      provider: 'postgresql';
      /** Without `schema`, which pg does not understand. */ connectionString: string;
      schema: string;
    };

/** Relative to the process's working directory, like every relative `file:` URL. */
export const DEFAULT_DATABASE_URL = 'file:./data/workspace.db';

const ACCEPTED_FORMS =
  'Use file:./data/workspace.db (or a plain path such as ./data/workspace.db) for the embedded SQLite database, ' +
  'or postgresql://user:password@host:5432/database?schema=public for PostgreSQL.';

/** Reads a DATABASE_URL: `file:<path>` or a bare path → SQLite; `postgres(ql)://…` → PostgreSQL (`?schema=` honoured, default public). */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const value = url.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) return parsePostgres(url, value);
  const file = sqlitePath(value);
  if (file === null)
    throw invalid(url, 'it is neither a file: URL, a path, nor a postgresql:// URL.');
  if (file === ':memory:')
    throw invalid(
      url,
      'an in-memory SQLite database would be empty for every connection; use a file.',
    );
  return { provider: 'sqlite', file };
}

function sqlitePath(value: string): string | null {
  if (value.startsWith('file:')) {
    // file:///abs/path → /abs/path; Prisma-style options after "?" (connection_limit, …) mean nothing here.
    const path = value
      .slice('file:'.length)
      .replace(/^\/\/(?=\/)/, '')
      .replace(/\?.*$/, '');
    return path === '' ? null : path;
  }
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value);
  return value === '' || hasScheme ? null : value;
}

function parsePostgres(original: string, value: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalid(original, 'it is not a well-formed URL.');
  }
  const schema = parsed.searchParams.get('schema') || 'public';
  parsed.searchParams.delete('schema');
  return { provider: 'postgresql', connectionString: parsed.toString(), schema };
}

function invalid(url: string, why: string): Error {
  return new Error(
    `DATABASE_URL "${describeDatabaseUrl(url)}" is not usable: ${why} ${ACCEPTED_FORMS}`,
  );
}

/** The URL with any password masked, for logs and error messages. */
export function describeDatabaseUrl(url: string): string {
  return url
    .trim()
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^@/?#]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}
