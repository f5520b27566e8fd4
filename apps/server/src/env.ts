import { availableParallelism } from 'node:os';

import { z } from 'zod';

import { booleanFromEnv, createEnv, EnvError, listFromEnv, portFromEnv } from '@mlb/config';
import { DEFAULT_DATABASE_URL } from '@mlb/db';
import { LOG_LEVELS } from '@mlb/logger';
import { providersConfigSchema } from '@mlb/providers';

import { addressRangeValue, headerNameValue, hostValue, originValue } from './security/env-values';

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .positive('expected a number above 0')
    .default(fallback);

/** The server's own variables; the provider variables come from the providers package's schema. */
export const serverEnvSchema = z
  .object({
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
    /** Redis for several instances: live events in Redis Streams, stop requests over pub/sub. */
    REDIS_URL: z
      .string()
      .regex(
        /^rediss?:\/\//,
        'expected redis://[user:password@]host:6379[/db] (or rediss:// for TLS)',
      )
      .optional(),
    /** Prepended to every Redis key and channel, so several workspaces can share one Redis. */
    REDIS_PREFIX: z.string().min(1).default('mlb:'),
    /** Server processes sharing the port on this machine (Node cluster): a number, or auto (one per core). */
    WORKERS: z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], {
        error: 'expected a number of processes (1–64) or auto',
      })
      .default(1)
      .transform((n) => (n === 'auto' ? availableParallelism() : n)),
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

    // --- Who may use the workspace (see docs/security.md) ---
    /** Origins allowed besides the workspace's own (pages that may call /trpc from a browser). */
    ALLOWED_ORIGINS: listFromEnv(originValue).default([]),
    /** Host names allowed in the Host header besides localhost, IP addresses and HOST. */
    ALLOWED_HOSTS: listFromEnv(hostValue).default([]),
    /** When set: a sign-in page, a session cookie, and `Authorization: Bearer` for other clients. */
    ACCESS_TOKEN: z
      .string()
      .min(16, 'expected at least 16 characters; generate one with `openssl rand -hex 32`')
      .optional(),
    /** A header an authenticating proxy sets to the signed-in user (e.g. X-Forwarded-User). */
    TRUSTED_PROXY_AUTH_HEADER: headerNameValue.optional(),
    /** Proxies whose X-Forwarded-* headers (and TRUSTED_PROXY_AUTH_HEADER) are believed. */
    TRUSTED_PROXIES: listFromEnv(addressRangeValue).default([]),
    LIMIT_SUBSCRIPTIONS_PER_CONNECTION: positiveInt(100),
    LIMIT_CALLS_PER_SECOND: positiveInt(50),
    LIMIT_CONNECTIONS_PER_ADDRESS: positiveInt(128),
  })
  .superRefine((env, ctx) => {
    if (env.WORKERS > 1 && !env.REDIS_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['WORKERS'],
        message: `${env.WORKERS} processes share live events and stop requests through Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379), or leave WORKERS at 1`,
      });
    if (env.WORKERS > 1 && !/^postgres(ql)?:/.test(env.DATABASE_URL))
      ctx.addIssue({
        code: 'custom',
        path: ['WORKERS'],
        message:
          'several processes need PostgreSQL: SQLite is safe for one server process only; set DATABASE_URL=postgresql://…, or leave WORKERS at 1',
      });
    if (env.TRUSTED_PROXY_AUTH_HEADER && env.TRUSTED_PROXIES.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['TRUSTED_PROXY_AUTH_HEADER'],
        message:
          'needs TRUSTED_PROXIES: the addresses of the proxy that sets it (the header is ignored from anyone else)',
      });
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
