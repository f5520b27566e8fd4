import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createClient, type BroadcastClient } from '@mlb/client/node';

import { collectEvents, finalsFor, textOf } from './harness';

// The production build as `pnpm start`, Docker, the e2e suite and the bench run it: node on
// dist/main.js, whose @mlb/* imports resolve to each package's own dist/ and their npm
// dependencies to each package's own node_modules. turbo builds it before this test (turbo.json).

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(serverDir, 'dist/main.js');
const manifest = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

let dataDir: string;
let child: ChildProcess;
let url: string;
let client: BroadcastClient;

/** Starts the built server on a free port and resolves with its URL from the "listening" log line. */
function startBuiltServer(): Promise<string> {
  child = spawn(process.execPath, ['--enable-source-maps', main], {
    // Outside the repository, so nothing is found through the working directory (no .env either).
    cwd: dataDir,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
      DATABASE_URL: `file:${join(dataDir, 'built.db')}`,
      OLLAMA_BASE_URL: 'http://127.0.0.1:9',
      DEMO_TOKENS_PER_SECOND: '400',
      DEMO_FIRST_TOKEN_MS: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'broadcast workspace listening' && entry.url) done(entry.url);
    });
    child.once('exit', (code) =>
      fail(new Error(`The built server exited with ${code}:\n${stderr}`)),
    );
  });
}

beforeAll(async () => {
  if (!existsSync(main))
    throw new Error(`${main} is missing: run \`pnpm build\` (turbo builds it before this test).`);
  dataDir = mkdtempSync(join(tmpdir(), 'broadcast-built-'));
  url = await startBuiltServer();
  client = createClient({ url: `${url}/trpc` });
});

afterAll(async () => {
  await client?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the built server', () => {
  it('imports only what its package.json declares; the internal packages stay imports', () => {
    const declared = new Set(Object.keys(manifest.dependencies));
    const imported = new Set<string>();
    for (const file of readdirSync(join(serverDir, 'dist')).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(serverDir, 'dist', file), 'utf8');
      for (const [, specifier] of code.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        if (specifier!.startsWith('.')) continue;
        const parts = specifier!.replace(/^node:/, '').split('/');
        const name = specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
        if (!builtinModules.includes(name)) imported.add(name);
      }
    }
    // Bundled internal packages would show up as imports of their own npm dependencies.
    expect([...imported].filter((name) => !declared.has(name))).toEqual([]);
    expect(imported).toContain('@mlb/domain');
  });

  it('starts outside the repository and answers /health', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      version: manifest.version,
      database: 'ok',
    });
  });

  it('runs a broadcast end to end from the built packages', async () => {
    const result = await client.broadcast.create.mutate({
      prompt: 'Built server check',
      models: [{ providerId: 'demo', modelId: 'demo-fast' }],
    });
    const messageId = result.panes[0]!.messageId;
    const events = await collectEvents(
      client,
      { sessionId: result.sessionId },
      finalsFor([messageId]),
    );
    expect(textOf(events, messageId)).toContain('Simulated answer');
    const session = await client.sessions.get.query({ sessionId: result.sessionId });
    expect(session.panes[0]!.messages[1]).toMatchObject({
      status: 'complete',
      content: textOf(events, messageId),
    });
  });
});
