import { z } from 'zod';
import { priceOverridesSchema } from '../core/prices';

const url = (name: string) => z.url({ error: `expected an http(s) URL for ${name}` });
const ms = (fallback: number) => z.coerce.number({ error: 'expected milliseconds' }).int('expected whole milliseconds').positive('expected a number above 0').default(fallback);
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

const customProviderSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids are lower-case letters, digits, - and _'),
  label: z.string().optional(),
  baseUrl: z.url(),
  apiKey: z.string().optional(),
  models: z.array(z.string()).optional(),
});

/** Every provider variable, validated once; the server composes its environment from this. */
export const providersConfigSchema = z.object({
  LITELLM_BASE_URL: url('LITELLM_BASE_URL').optional(),
  LITELLM_MASTER_KEY: z.string().optional(),
  GOOGLE_API_KEY: z.string().optional(),
  GOOGLE_BASE_URL: url('GOOGLE_BASE_URL').default('https://generativelanguage.googleapis.com/v1beta'),
  GROQ_API_KEY: z.string().optional(),
  GROQ_BASE_URL: url('GROQ_BASE_URL').default('https://api.groq.com/openai/v1'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: url('OPENAI_BASE_URL').default('https://api.openai.com/v1'),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: url('ANTHROPIC_BASE_URL').default('https://api.anthropic.com/v1'),
  OLLAMA_BASE_URL: url('OLLAMA_BASE_URL').default('http://127.0.0.1:11434'),
  OPENAI_COMPATIBLE_PROVIDERS: json(z.array(customProviderSchema), '[{"id":"openrouter","baseUrl":"https://openrouter.ai/api/v1","apiKey":"sk-…"}]').optional(),
  DEMO_PROVIDER: z.enum(['true', 'false'], { error: 'expected true or false' }).default('true').transform((v) => v === 'true'),
  DEMO_TOKENS_PER_SECOND: z.coerce.number({ error: 'expected tokens per second' }).positive('expected a number above 0').max(10_000).default(30),
  DEMO_FIRST_TOKEN_MS: z.coerce.number({ error: 'expected milliseconds' }).min(0).default(250),
  MODEL_PRICES: json(priceOverridesSchema, '{"litellm/my-model":{"input":0.5,"output":1.5}}').optional(),
  STREAM_CONNECT_TIMEOUT_MS: ms(10_000),
  STREAM_FIRST_TOKEN_TIMEOUT_MS: ms(60_000),
  STREAM_IDLE_TIMEOUT_MS: ms(30_000),
  STREAM_TOTAL_TIMEOUT_MS: ms(600_000),
  STREAM_MAX_RETRIES: z.coerce.number({ error: 'expected a whole number' }).int().min(0).max(10).default(2),
  MODEL_LIST_TTL_MS: ms(300_000),
});

export type ProvidersConfig = z.output<typeof providersConfigSchema>;

export function parseProvidersEnv(env: Record<string, string | undefined>): ProvidersConfig {
  return providersConfigSchema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
}
