import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';

import { parseProvidersEnv, providersConfigSchema } from './env';

/** The issues a bad environment produces, as "VARIABLE: message". */
function problems(env: Record<string, string>): string[] {
  try {
    parseProvidersEnv(env);
  } catch (error) {
    if (error instanceof ZodError)
      return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('provider environment', () => {
  it('has the documented defaults, empty strings counting as unset', () => {
    const config = parseProvidersEnv({ GROQ_API_KEY: '', LITELLM_BASE_URL: '  ' });
    expect(config).toMatchObject({
      GOOGLE_BASE_URL: 'https://generativelanguage.googleapis.com/v1beta',
      GROQ_BASE_URL: 'https://api.groq.com/openai/v1',
      OPENAI_BASE_URL: 'https://api.openai.com/v1',
      ANTHROPIC_BASE_URL: 'https://api.anthropic.com/v1',
      OLLAMA_BASE_URL: 'http://127.0.0.1:11434',
      OPENAI_COMPATIBLE_PROVIDERS: [],
      DEMO_PROVIDER: true,
      DEMO_TOKENS_PER_SECOND: 30,
      DEMO_FIRST_TOKEN_MS: 250,
      MODEL_PRICES: {},
      STREAM_CONNECT_TIMEOUT_MS: 10_000,
      STREAM_FIRST_TOKEN_TIMEOUT_MS: 60_000,
      STREAM_IDLE_TIMEOUT_MS: 30_000,
      STREAM_TOTAL_TIMEOUT_MS: 600_000,
      STREAM_MAX_RETRIES: 2,
      MODEL_LIST_TTL_MS: 300_000,
    });
    expect(config.GROQ_API_KEY).toBeUndefined();
    expect(config.LITELLM_BASE_URL).toBeUndefined();
  });

  it('reads booleans, numbers, URLs without their trailing slash, and JSON', () => {
    const config = parseProvidersEnv({
      DEMO_PROVIDER: 'off',
      STREAM_MAX_RETRIES: '0',
      GROQ_BASE_URL: 'http://127.0.0.1:8080/openai/v1/',
      MODEL_PRICES: '{"litellm/x":{"input":1,"output":2}}',
      OPENAI_COMPATIBLE_PROVIDERS:
        '[{"id":"openrouter","baseUrl":"https://openrouter.ai/api/v1","apiKey":"k","models":["openai/gpt-4o-mini"]}]',
    });
    expect(config).toMatchObject({
      DEMO_PROVIDER: false,
      STREAM_MAX_RETRIES: 0,
      GROQ_BASE_URL: 'http://127.0.0.1:8080/openai/v1',
    });
    expect(config.MODEL_PRICES).toEqual({ 'litellm/x': { input: 1, output: 2 } });
    expect(config.OPENAI_COMPATIBLE_PROVIDERS[0]).toMatchObject({
      id: 'openrouter',
      models: ['openai/gpt-4o-mini'],
    });
  });

  it('names each bad variable and what it expected', () => {
    expect(
      problems({
        GROQ_BASE_URL: 'not a url',
        OLLAMA_BASE_URL: 'ftp://host',
        STREAM_IDLE_TIMEOUT_MS: 'soon',
        STREAM_FIRST_TOKEN_TIMEOUT_MS: '-5',
        STREAM_MAX_RETRIES: '1.5',
        DEMO_PROVIDER: 'maybe',
        DEMO_TOKENS_PER_SECOND: '0',
        MODEL_PRICES: '{oops',
      }),
    ).toEqual([
      'DEMO_PROVIDER: expected true or false',
      'DEMO_TOKENS_PER_SECOND: expected tokens per second above 0',
      'GROQ_BASE_URL: expected an http(s) URL, e.g. https://api.groq.com/openai/v1',
      'OLLAMA_BASE_URL: expected an http(s) URL, e.g. http://127.0.0.1:11434',
      'MODEL_PRICES: expected JSON, e.g. {"litellm/my-model":{"input":0.5,"output":1.5,"cachedInput":0.25}}',
      'STREAM_FIRST_TOKEN_TIMEOUT_MS: expected a number of milliseconds above 0',
      'STREAM_IDLE_TIMEOUT_MS: expected a number of milliseconds',
      'STREAM_MAX_RETRIES: expected a whole number',
    ]);
  });

  it('explains what is wrong inside the JSON variables', () => {
    expect(problems({ MODEL_PRICES: '{"gpt-4o":{"input":-1,"output":2}}' })).toEqual([
      'MODEL_PRICES.gpt-4o.input: expected a price of 0 or more',
      'MODEL_PRICES.gpt-4o: keys are "<provider>/<model>", e.g. "litellm/my-model"',
    ]);
    expect(
      problems({
        OPENAI_COMPATIBLE_PROVIDERS: JSON.stringify([
          { id: 'groq', baseUrl: 'https://x' },
          { id: 'mine', baseUrl: 'nope' },
          { id: 'mine', baseUrl: 'https://y' },
        ]),
      }),
    ).toEqual([
      'OPENAI_COMPATIBLE_PROVIDERS.0.id: that id belongs to a built-in provider (demo, litellm, google, groq, openai, anthropic, ollama); choose another',
      'OPENAI_COMPATIBLE_PROVIDERS.1.baseUrl: expected an http(s) URL, e.g. https://openrouter.ai/api/v1',
      'OPENAI_COMPATIBLE_PROVIDERS.2.id: the id "mine" is used twice',
    ]);
    expect(
      problems({
        OPENAI_COMPATIBLE_PROVIDERS: JSON.stringify([
          { id: 'a', baseUrl: 'https://x' },
          { id: 'a', baseUrl: 'https://y' },
        ]),
      }),
    ).toEqual(['OPENAI_COMPATIBLE_PROVIDERS.1.id: the id "a" is used twice']);
  });

  it('is a zod object the server can compose with its own variables', () => {
    expect(Object.keys(providersConfigSchema.shape)).toContain('LITELLM_MASTER_KEY');
    expect(
      providersConfigSchema
        .extend({ PORT: providersConfigSchema.shape.STREAM_MAX_RETRIES })
        .parse({ PORT: '3' }).PORT,
    ).toBe(3);
  });
});
