import { z } from 'zod';

import { booleanFromEnv, createEnv, EnvError, portFromEnv } from '@mlb/config';
import { DEFAULT_DATABASE_URL } from '@mlb/db';
import { LOG_LEVELS } from '@mlb/logger';
import { providersConfigSchema } from '@mlb/providers';

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .positive('expected a number above 0')
    .default(fallback);

/** The server's own variables; the provider variables come from the providers package's schema. */
export const serverEnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: portFromEnv.default(8080),
  RELOAD: booleanFromEnv.default(false),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  LOG_PRETTY: booleanFromEnv.optional(),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      'expected file:<path> for SQLite or postgresql://user@host:port/db for PostgreSQL',
    )
    .default(DEFAULT_DATABASE_URL),
  /** How long to wait at start for a database that does not answer yet. */
  DATABASE_WAIT_MS: z.coerce
    .number({ error: 'expected milliseconds' })
    .int()
    .min(0, 'expected 0 or more milliseconds')
    .default(30_000),
  /** Text of ended answers waiting for the database (characters) before new answers are refused. */
  MAX_UNSAVED_CHARS: positiveInt(64_000_000),
  WEB_DIST_DIR: z.string().optional(),
  COALESCE_WINDOW_MS: z.coerce
    .number({ error: 'expected milliseconds' })
    .int()
    .min(0)
    .max(1000)
    .default(33),
  PERSIST_INTERVAL_MS: positiveInt(1000),
  MAX_CONCURRENT_STREAMS: positiveInt(512),
  SHUTDOWN_TIMEOUT_MS: positiveInt(5000),
});

export interface ServerEnv {
  server: z.output<typeof serverEnvSchema>;
  providers: z.output<typeof providersConfigSchema>;
}

/** Parses every variable once, reporting all problems of both schemas together. */
export function loadEnv(runtimeEnv: Record<string, string | undefined> = process.env): ServerEnv {
  const problems: string[] = [];
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (error instanceof EnvError) problems.push(...error.problems);
      else throw error;
      return undefined;
    }
  };
  const server = attempt(() => createEnv(serverEnvSchema, runtimeEnv));
  const providers = attempt(() => createEnv(providersConfigSchema, runtimeEnv));
  if (!server || !providers) throw new EnvError(problems);
  return { server, providers };
}
