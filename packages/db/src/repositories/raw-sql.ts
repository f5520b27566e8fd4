import type { Provider } from '../db';

export interface SqlDialect {
  provider: Provider;
  /** PostgreSQL schema from the URL; raw SQL must name it (Prisma's own queries do so themselves). */
  schema: string | null;
}

/**
 * What raw SQL needs to differ between the providers: table names (PostgreSQL's carry the URL's
 * schema) and placeholders (`$n` there, positional `?` on SQLite). `arg` adds a value and returns
 * its placeholder, so values must be added in the order they appear in the statement.
 */
export function rawSql(dialect: SqlDialect) {
  const pg = dialect.provider === 'postgresql';
  const args: unknown[] = [];
  return {
    pg,
    args,
    table: (name: string) =>
      pg && dialect.schema ? `"${dialect.schema.replaceAll('"', '""')}"."${name}"` : `"${name}"`,
    arg: (value: unknown) => {
      args.push(value);
      return pg ? `$${args.length}` : '?';
    },
  };
}
