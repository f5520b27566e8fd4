import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverMain = resolve(dirname(fileURLToPath(import.meta.url)), '../../server/dist/main.js');

export interface LocalServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** A plain HTTP server on a free 127.0.0.1 port: another origin for the browser (an attacker's page, an image host). */
export async function startLocalServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A workspace (the production build) on a free port with its own SQLite file and the settings given (e.g. ACCESS_TOKEN, providers' URLs). */
export async function startWorkspace(env: Record<string, string>): Promise<LocalServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadcast-e2e-'));
  const port = await new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => done(free));
    });
  });
  const child = spawn(process.execPath, [serverMain], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      DATABASE_URL: `file:${join(dataDir, 'e2e.db')}`,
      OLLAMA_BASE_URL: 'http://127.0.0.1:9',
      DEMO_TOKENS_PER_SECOND: '400',
      DEMO_FIRST_TOKEN_MS: '5',
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The server exited with ${child.exitCode}; run \`pnpm build\` first.`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error('The server did not answer /health within 30 s.');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
