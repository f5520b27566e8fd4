import { z } from 'zod';

import { showValue } from './show-value';

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
 * the value it got (secrets masked, see showValue) and what it expects.
 */
export function createEnv<S extends z.ZodType>(
  schema: S,
  runtimeEnv: Record<string, string | undefined>,
): z.output<S> {
  const env = withoutEmpty(runtimeEnv);
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const [head, ...rest] = issue.path.map(String);
    // A problem inside a JSON variable has a path below the variable: name both, show the variable.
    const variable = head ?? '(environment)';
    const where = rest.map((key) => (/^\d+$/.test(key) ? `[${key}]` : `.${key}`)).join('');
    return `${variable}${where} (${showValue(variable, env[variable])}): ${issue.message}`;
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

/** A comma-separated list ("a, b,c"); each item is trimmed and checked by `item`. */
export const listFromEnv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(item));
