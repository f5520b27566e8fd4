import { afterEach, describe, expect, it } from 'vitest';

import { startFakeUpstream, type FakeUpstream } from '@mlb/test-support';

import { ask, collect } from '../../test/collect';
import { NOWHERE } from '../../test/wire-conformance';
import { REDACTED } from '../errors/scrub-secrets';
import { createProviderRegistry } from './create-registry';
import { parseProvidersEnv } from './env';

const OPENAI_KEY = 'sk-proj-Xy7Qa9LmN0pR2sT4uV6wZ8bC1dE3fG5h';
const LITELLM_KEY = 'sk-litellm-Q1w2E3r4T5y6U7i8O9p0';
const CUSTOM_KEY = 'or-key-7f3c9a1e5b2d8c4f6a0e';
const GROQ_KEY = 'gsk_Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4';

const options = {
  timeouts: { connectMs: 5000, firstTokenMs: 5000, idleMs: 5000, totalMs: 20_000 },
  retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 10 },
};

/** Every text the product would show, save or log about a provider. */
function texts(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Error
      ? { message: v.message, suggestion: (v as { suggestion?: string }).suggestion }
      : v,
  );
}

const leaks = (text: string, key: string) =>
  [key, key.slice(0, 8), key.slice(-8)].filter((piece) => text.includes(piece));

const fakes: FakeUpstream[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});
async function fake(...args: Parameters<typeof startFakeUpstream>) {
  const started = await startFakeUpstream(...args);
  fakes.push(started);
  return started;
}

describe('secrets in provider error texts', () => {
  it('scrubs a refused key that the upstream echoes (OpenAI and LiteLLM 401s) from models, health and streams', async () => {
    const openai = await fake({ flavor: 'openai', apiKey: 'the-right-key-is-another-one' });
    const litellm = await fake({ flavor: 'litellm', apiKey: 'the-right-key-is-another-one' });
    const registry = createProviderRegistry(
      parseProvidersEnv({
        OPENAI_API_KEY: OPENAI_KEY,
        OPENAI_BASE_URL: openai.baseUrl,
        LITELLM_MASTER_KEY: LITELLM_KEY,
        LITELLM_BASE_URL: litellm.url,
        OLLAMA_BASE_URL: NOWHERE,
      }),
    );
    const models = await registry.models();
    const health = await registry.health();
    const openaiRun = await collect(registry.require('openai'), ask('gpt-4o-mini'), options);
    const litellmRun = await collect(registry.require('litellm'), ask('gpt-4o-mini'), options);

    // The fakes did echo the keys, as the real APIs do.
    const echoed = await (
      await fetch(`${openai.baseUrl}/models`, {
        headers: { authorization: `Bearer ${OPENAI_KEY}` },
      })
    ).text();
    expect(echoed).toContain(OPENAI_KEY.slice(-4));

    const openaiError = models.find((p) => p.provider.id === 'openai')?.error;
    expect(openaiError).toBe(
      `OpenAI rejected the credentials (401): Incorrect API key provided: ${REDACTED}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    );
    expect(litellmRun.error?.message).toContain(`Received API Key = ${REDACTED},`);
    expect(openaiRun.error?.kind).toBe('authentication');
    for (const key of [OPENAI_KEY, LITELLM_KEY]) {
      expect(leaks(texts({ models, health, openaiRun, litellmRun }), key)).toEqual([]);
      expect(texts({ models, health, openaiRun, litellmRun })).not.toContain(key.slice(-4));
    }
  });

  it('scrubs every configured secret, a custom provider’s apiKey and other providers’ keys included, from errors and retries', async () => {
    const upstream = await fake({ flavor: 'openai' });
    const echo = `upstream says: key ${CUSTOM_KEY} refused; also saw ${GROQ_KEY} and ${OPENAI_KEY}`;
    upstream.setScenario('gpt-4o-mini', {
      error: {
        status: 503,
        body: { error: { message: echo, type: 'server_error', param: null, code: null } },
      },
    });
    const registry = createProviderRegistry(
      parseProvidersEnv({
        OPENAI_COMPATIBLE_PROVIDERS: JSON.stringify([
          { id: 'router', baseUrl: upstream.baseUrl, apiKey: CUSTOM_KEY },
        ]),
        GROQ_API_KEY: GROQ_KEY,
        OPENAI_API_KEY: OPENAI_KEY,
        OLLAMA_BASE_URL: NOWHERE,
      }),
    );
    const run = await collect(registry.require('router'), ask('gpt-4o-mini'), options);
    expect(run.retries).toHaveLength(1);
    expect(run.error?.message).toBe(
      `router is unavailable right now (503): upstream says: key ${REDACTED} refused; also saw ${REDACTED} and ${REDACTED}`,
    );
    expect(run.error?.cause).toBeUndefined();
    for (const key of [CUSTOM_KEY, GROQ_KEY, OPENAI_KEY])
      expect(leaks(texts(run), key)).toEqual([]);
  });
});
