import { randomBytes } from 'node:crypto';

import pg from 'pg';

/** The PostgreSQL every session's machine and CI run (see README: tests). */
export const POSTGRES = {
  host: '127.0.0.1',
  port: 5432,
  url: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
};

/** A fresh schema for one test file, and the URL that names it (optionally through another port). */
export function postgresSchema(): {
  schema: string;
  url: (port?: number) => string;
  drop: () => Promise<void>;
} {
  const schema = `it_${randomBytes(6).toString('hex')}`;
  return {
    schema,
    url: (port = POSTGRES.port) => {
      const url = new URL(POSTGRES.url);
      url.port = String(port);
      url.searchParams.set('schema', schema);
      return url.toString();
    },
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES.url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
