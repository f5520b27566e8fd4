import { z } from 'zod';

import { providerIdSchema } from '@mlb/contracts';

import { httpUrl, json, milliseconds, secret, shapeOf, type EnvVars } from '../env/env-vars';
import { priceOverridesSchema } from '../pricing/price-overrides';
import { BUILT_IN_PROVIDERS } from '../providers/built-in-providers';

/** Ids the built-in providers use; a custom provider cannot take one. */
const BUILT_IN_PROVIDER_IDS: readonly string[] = BUILT_IN_PROVIDERS.map((p) => p.id);

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

const CUSTOM_PROVIDER_EXAMPLE =
  '[{"id":"openrouter","label":"OpenRouter","baseUrl":"https://openrouter.ai/api/v1","apiKey":"sk-or-…","models":["openai/gpt-4o-mini"]}]';

/** Any number of OpenAI-compatible endpoints, as one JSON variable. */
export const CUSTOM_PROVIDER_VARIABLES = {
  OPENAI_COMPATIBLE_PROVIDERS: {
    schema: json(customProvidersSchema, CUSTOM_PROVIDER_EXAMPLE).default([]),
    doc: `More OpenAI-compatible endpoints (OpenRouter, vLLM, LM Studio…), as a JSON array, e.g. ${CUSTOM_PROVIDER_EXAMPLE} ("models" for endpoints without GET /models).`,
  },
} satisfies EnvVars;

/** The variables every provider shares: limits, retries, caching and prices. */
export const SHARED_VARIABLES = {
  MODEL_PRICES: {
    schema: json(
      priceOverridesSchema,
      '{"litellm/my-model":{"input":0.5,"output":1.5,"cachedInput":0.25}}',
    ).default({}),
    doc: 'Price overrides in USD per million tokens for models the price database does not know, e.g. {"litellm/my-model":{"input":0.5,"output":1.5}}',
  },
  STREAM_CONNECT_TIMEOUT_MS: {
    schema: milliseconds(10_000),
    doc: 'How long to wait for a provider’s response headers (ms).',
  },
  STREAM_FIRST_TOKEN_TIMEOUT_MS: {
    schema: milliseconds(60_000),
    doc: 'How long to wait for an answer’s first token (ms).',
  },
  STREAM_IDLE_TIMEOUT_MS: {
    schema: milliseconds(30_000),
    doc: 'Longest pause between two tokens of an answer (ms).',
  },
  STREAM_TOTAL_TIMEOUT_MS: {
    schema: milliseconds(600_000),
    doc: 'Longest time one answer may take, retries included (ms).',
  },
  STREAM_MAX_RETRIES: {
    schema: z.coerce
      .number({ error: 'expected a whole number' })
      .int('expected a whole number')
      .min(0, 'expected 0 or more')
      .max(10, 'expected at most 10')
      .default(2),
    doc: 'Retries of a failed request before its first token (rate limits, 5xx, network), with backoff.',
  },
  MODEL_LIST_TTL_MS: {
    schema: milliseconds(300_000),
    doc: 'How long a provider’s model list is cached (ms).',
  },
} satisfies EnvVars;

type BuiltInProvider = (typeof BUILT_IN_PROVIDERS)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;
/** Every built-in provider's variables, as one record type. */
type BuiltInVariables = UnionToIntersection<BuiltInProvider['env']>;

/** Every built-in provider's variables, in the list's order; a name used twice is a mistake. */
function builtInVariables(): BuiltInVariables {
  const all: Record<string, EnvVars[string]> = {};
  for (const provider of BUILT_IN_PROVIDERS) {
    const env: EnvVars = provider.env;
    for (const [name, variable] of Object.entries(env)) {
      if (name in all) throw new Error(`${name} is declared by two providers`);
      all[name] = variable;
    }
  }
  // Merged from every provider's `env`, which is exactly what BuiltInVariables intersects.
  return all as BuiltInVariables;
}

/** Every provider variable with its documentation: the providers' own, then the shared ones. */
export const PROVIDER_VARIABLES = {
  ...builtInVariables(),
  ...CUSTOM_PROVIDER_VARIABLES,
  ...SHARED_VARIABLES,
};

/**
 * Every provider variable, validated once. The server composes its environment from this schema;
 * each issue's path names the variable and its message says what was expected.
 * Empty strings should be treated as unset before parsing (as `parseProvidersEnv` does).
 */
export const providersConfigSchema = z.object(shapeOf(PROVIDER_VARIABLES));

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
