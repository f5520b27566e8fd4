import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startFakeUpstream } from '@mlb/test-support';

const here = dirname(fileURLToPath(import.meta.url));
const serverMain = resolve(here, '../../server/dist/main.js');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

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
  const dataDir = mkdtempSync(join(tmpdir(), 'broadcast-e2e-'));
  const port = await freePort();
  const server = spawn(process.execPath, [serverMain], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      DATABASE_URL: `file:${join(dataDir, 'e2e.db')}`,
      LITELLM_BASE_URL: litellm.baseUrl,
      LITELLM_MASTER_KEY: 'sk-litellm',
      GOOGLE_BASE_URL: google.baseUrl,
      GOOGLE_API_KEY: 'google-key',
      GROQ_BASE_URL: groq.baseUrl,
      GROQ_API_KEY: 'gsk-key',
      OLLAMA_BASE_URL: 'http://127.0.0.1:9',
      DEMO_TOKENS_PER_SECOND: '200',
      DEMO_FIRST_TOKEN_MS: '20',
      STREAM_MAX_RETRIES: '0',
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`The server exited with ${server.exitCode}; run \`pnpm build\` first.`);
    const ok = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('The server did not answer /health within 30 s.');
    await new Promise((r) => setTimeout(r, 200));
  }
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_FAKE_LITELLM = litellm.url;
  process.env.E2E_FAKE_GOOGLE = google.url;
  process.env.E2E_FAKE_GROQ = groq.url;

  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await Promise.all([litellm.close(), google.close(), groq.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
