import { z } from 'zod';

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Fix these in your environment or .env (see .env.example), then start again.',
    );
    this.name = 'EnvError';
  }
}

/** Variables set to "" count as unset, the way .env files are usually written. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value;
  }
  return out;
}

/**
 * Parses the environment once with one zod schema; every problem names the variable,
 * the value it got (secrets masked) and what it expects.
 */
export function createEnv<S extends z.ZodType>(
  schema: S,
  runtimeEnv: Record<string, string | undefined>,
): z.output<S> {
  const env = withoutEmpty(runtimeEnv);
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.map(String).join('.') || '(environment)';
    const raw = env[variable];
    const shown =
      raw === undefined
        ? 'unset'
        : /KEY|SECRET|TOKEN|PASSWORD/.test(variable)
          ? '"***"'
          : JSON.stringify(raw);
    return `${variable} (${shown}): ${issue.message}`;
  });
  throw new EnvError(problems);
}

export const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
    error: 'expected true or false',
  })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

export const portFromEnv = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole port number')
  .min(0, 'expected a port between 0 and 65535')
  .max(65535, 'expected a port between 0 and 65535');
