import { z } from 'zod';

import { providerIdSchema } from '@mlb/contracts';

import { priceOverridesSchema } from '../pricing/price-overrides';
import { BUILT_IN_PROVIDERS } from './built-in-providers';

/** Ids the built-in providers use; a custom provider cannot take one. */
const BUILT_IN_PROVIDER_IDS = BUILT_IN_PROVIDERS.map((p) => p.id);

const httpUrl = (example: string) =>
  z
    .url({ protocol: /^https?$/, error: `expected an http(s) URL, e.g. ${example}` })
    .transform((url) => url.replace(/\/+$/, ''));

const milliseconds = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a number of milliseconds' })
    .int('expected whole milliseconds')
    .positive('expected a number of milliseconds above 0')
    .default(fallback);

const secret = z.string().trim().min(1);

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** A variable holding JSON: parse errors and shape errors both name what was expected. */
const json = <T extends z.ZodType>(schema: T, example: string) =>
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

const customProviderSchema = z.strictObject({
  id: providerIdSchema.refine((id) => !BUILT_IN_PROVIDER_IDS.includes(id), {
    error: `that id belongs to a built-in provider (${BUILT_IN_PROVIDER_IDS.join(', ')}); choose another`,
  }),
  label: z.string().trim().min(1).optional(),
  baseUrl: httpUrl('https://openrouter.ai/api/v1'),
  apiKey: secret.optional(),
  /** For endpoints without a /models route. */
  models: z
    .array(z.string().trim().min(1))
    .min(1, 'expected at least one model id, or leave models out')
    .optional(),
});

export type CustomProviderConfig = z.output<typeof customProviderSchema>;

const customProvidersSchema = z.array(customProviderSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((p, index) => {
    if (seen.has(p.id))
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `the id "${p.id}" is used twice`,
      });
    seen.add(p.id);
  });
});

/**
 * Every provider variable, validated once. The server composes its environment from this schema;
 * each issue's path names the variable and its message says what was expected.
 * Empty strings should be treated as unset before parsing (as `parseProvidersEnv` does).
 */
export const providersConfigSchema = z.object({
  /**
   * LiteLLM is on when LITELLM_BASE_URL or LITELLM_MASTER_KEY is set: a proxy often needs no key,
   * so its address alone enables it; a key alone means the default address.
   */
  LITELLM_BASE_URL: httpUrl('http://localhost:4000').optional(),
  LITELLM_MASTER_KEY: secret.optional(),
  GOOGLE_API_KEY: secret.optional(),
  GOOGLE_BASE_URL: httpUrl('https://generativelanguage.googleapis.com/v1beta').default(
    'https://generativelanguage.googleapis.com/v1beta',
  ),
  GROQ_API_KEY: secret.optional(),
  GROQ_BASE_URL: httpUrl('https://api.groq.com/openai/v1').default(
    'https://api.groq.com/openai/v1',
  ),
  OPENAI_API_KEY: secret.optional(),
  OPENAI_BASE_URL: httpUrl('https://api.openai.com/v1').default('https://api.openai.com/v1'),
  ANTHROPIC_API_KEY: secret.optional(),
  ANTHROPIC_BASE_URL: httpUrl('https://api.anthropic.com/v1').default(
    'https://api.anthropic.com/v1',
  ),
  /** Ollama is used while /api/version answers here (checked at startup and on refresh). */
  OLLAMA_BASE_URL: httpUrl('http://127.0.0.1:11434').default('http://127.0.0.1:11434'),
  OPENAI_COMPATIBLE_PROVIDERS: json(
    customProvidersSchema,
    '[{"id":"openrouter","label":"OpenRouter","baseUrl":"https://openrouter.ai/api/v1","apiKey":"sk-or-…"}]',
  ).default([]),
  DEMO_PROVIDER: boolean.default(true),
  DEMO_TOKENS_PER_SECOND: z.coerce
    .number({ error: 'expected tokens per second' })
    .positive('expected tokens per second above 0')
    .max(10_000, 'expected at most 10000 tokens per second')
    .default(30),
  DEMO_FIRST_TOKEN_MS: z.coerce
    .number({ error: 'expected milliseconds' })
    .int('expected whole milliseconds')
    .min(0, 'expected 0 or more milliseconds')
    .default(250),
  MODEL_PRICES: json(
    priceOverridesSchema,
    '{"litellm/my-model":{"input":0.5,"output":1.5,"cachedInput":0.25}}',
  ).default({}),
  STREAM_CONNECT_TIMEOUT_MS: milliseconds(10_000),
  STREAM_FIRST_TOKEN_TIMEOUT_MS: milliseconds(60_000),
  STREAM_IDLE_TIMEOUT_MS: milliseconds(30_000),
  STREAM_TOTAL_TIMEOUT_MS: milliseconds(600_000),
  STREAM_MAX_RETRIES: z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .max(10, 'expected at most 10')
    .default(2),
  MODEL_LIST_TTL_MS: milliseconds(300_000),
});

export type ProvidersConfig = z.output<typeof providersConfigSchema>;

/** Parses the provider variables (empty strings count as unset); throws a ZodError naming each bad variable. */
export function parseProvidersEnv(env: Record<string, string | undefined>): ProvidersConfig {
  const set = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '',
    ),
  );
  return providersConfigSchema.parse(set);
}
