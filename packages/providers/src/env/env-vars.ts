import { z } from 'zod';

/** One environment variable: how it is read, and the line that documents it in `.env.example`. */
export interface EnvVar<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** One line: what it is for. Written above the variable in `.env.example`. */
  doc: string;
  /** The value `.env.example` shows; default: the schema's default, else empty. */
  example?: string;
  /** A key or token: scrubbed from every error text the providers produce. */
  secret?: boolean;
}

/** A group of variables (one provider's, or the shared ones), by name. */
export type EnvVars = Readonly<Record<string, EnvVar>>;

export type ShapeOf<V extends EnvVars> = { [K in keyof V]: V[K]['schema'] };

/** What a group of variables parses to. */
export type EnvValues<V extends EnvVars> = z.output<z.ZodObject<ShapeOf<V>>>;

/** The zod shape of a group, for composing one object schema out of several groups. */
export function shapeOf<V extends EnvVars>(vars: V): ShapeOf<V> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, variable] of Object.entries(vars)) shape[name] = variable.schema;
  // Built key by key from `vars`, so it has exactly ShapeOf<V>'s keys and schemas.
  return shape as ShapeOf<V>;
}

export const httpUrl = (example: string) =>
  z
    .url({ protocol: /^https?$/, error: `expected an http(s) URL, e.g. ${example}` })
    .transform((url) => url.replace(/\/+$/, ''));

export const milliseconds = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int('expected whole milliseconds')
    .positive('expected a number of milliseconds above 0')
    .default(fallback);

export const secret = z.string().trim().min(1);

export const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** A variable holding JSON: parse errors and shape errors both name what was expected. */
export const json = <T extends z.ZodType>(schema: T, example: string) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `expected JSON, e.g. ${example}` });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** The value `.env.example` shows for a variable: its example, else its default when that is a plain value. */
export function exampleValue(variable: EnvVar): string {
  if (variable.example !== undefined) return variable.example;
  const parsed = variable.schema.safeParse(undefined);
  if (!parsed.success) return '';
  const value: unknown = parsed.data;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}
