import { startFakeUpstream } from '@mlb/test-support';

import { startWorkspace } from './local-servers';

/**
 * The production build of the real server, against fake upstreams that this process owns.
 * Tests steer the fakes through their control endpoint (E2E_FAKE_*).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const [litellm, google, groq] = await Promise.all([
    // house-model: a model the price database does not know (forecasts say "price unknown").
    startFakeUpstream({
      flavor: 'litellm',
      apiKey: 'sk-litellm',
      models: ['gpt-4o-mini', 'house-model'],
    }),
    startFakeUpstream({ flavor: 'gemini', apiKey: 'google-key', models: ['gemini-2.0-flash'] }),
    startFakeUpstream({ flavor: 'groq', apiKey: 'gsk-key', models: ['llama-3.1-8b-instant'] }),
  ]);
  const server = await startWorkspace({
    LITELLM_BASE_URL: litellm.baseUrl,
    LITELLM_MASTER_KEY: 'sk-litellm',
    GOOGLE_BASE_URL: google.baseUrl,
    GOOGLE_API_KEY: 'google-key',
    GROQ_BASE_URL: groq.baseUrl,
    GROQ_API_KEY: 'gsk-key',
    DEMO_TOKENS_PER_SECOND: '200',
    DEMO_FIRST_TOKEN_MS: '20',
    STREAM_MAX_RETRIES: '0',
  });
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_FAKE_LITELLM = litellm.url;
  process.env.E2E_FAKE_GOOGLE = google.url;
  process.env.E2E_FAKE_GROQ = groq.url;

  return async () => {
    await server.stop();
    await Promise.all([litellm.close(), google.close(), groq.close()]);
  };
}
