import { defineConfig } from 'prisma/config';

/**
 * For the Prisma CLI run in this package (`pnpm generate` passes --schema for each client). It
 * reads DATABASE_URL from the environment only (no .env, nothing secret is loaded) and picks the
 * schema and migrations of that URL's provider, so `prisma migrate status` compares the right pair.
 */
const url = process.env.DATABASE_URL?.trim();
const provider = url && /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  schema:
    provider === 'postgresql'
      ? '../../prisma/postgresql/schema.prisma'
      : '../../prisma/schema.prisma',
  migrations: { path: `../../prisma/migrations/${provider}` },
  ...(url ? { datasource: { url } } : {}),
});
