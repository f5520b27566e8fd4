export type DatabaseTarget =
  | { provider: 'sqlite'; file: string }
  | { provider: 'postgresql'; connectionString: string; schema: string };

export const DEFAULT_DATABASE_URL = 'file:./data/workspace.db';

/** Reads DATABASE_URL: `file:<path>` (SQLite) or `postgres(ql)://…` (PostgreSQL, `?schema=` honoured). */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const value = url.trim();
  if (value.startsWith('file:')) {
    const file = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw badUrl(url);
    return { provider: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    const parsed = new URL(value);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`DATABASE_URL: schema "${schema}" must be a plain identifier (letters, digits, _).`);
    parsed.searchParams.delete('schema');
    return { provider: 'postgresql', connectionString: parsed.toString(), schema };
  }
  throw badUrl(url);
}

function badUrl(url: string): Error {
  return new Error(
    `DATABASE_URL "${describeDatabaseUrl(url)}" is not a database URL this server understands. ` +
      'Use file:./data/workspace.db for the embedded SQLite database, or postgresql://user:password@host:5432/db?schema=public for PostgreSQL.',
  );
}

/** The URL without its password, for logs and errors. */
export function describeDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
