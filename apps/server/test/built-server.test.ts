import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collectEvents, finalsFor, textOf } from './harness';
import { BUILT_MAIN, startServerProcess, type ServerProcess } from './server-process';

// The production build as `pnpm start`, Docker, the e2e suite and the bench run it: node on
// dist/main.js, whose @mlb/* imports resolve to each package's own dist/ and their npm
// dependencies to each package's own node_modules. turbo builds it before this test (turbo.json).

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

let dataDir: string;
let server: ServerProcess;

beforeAll(async () => {
  if (!existsSync(BUILT_MAIN))
    throw new Error(
      `${BUILT_MAIN} is missing: run \`pnpm build\` (turbo builds it before this test).`,
    );
  dataDir = mkdtempSync(join(tmpdir(), 'broadcast-built-'));
  // Outside the repository, so nothing is found through the working directory (no .env either).
  server = await startServerProcess(
    {
      DATABASE_URL: `file:${join(dataDir, 'built.db')}`,
      OLLAMA_BASE_URL: 'http://127.0.0.1:9',
      DEMO_TOKENS_PER_SECOND: '400',
      DEMO_FIRST_TOKEN_MS: '5',
    },
    { cwd: dataDir },
  );
});

afterAll(async () => {
  await server?.kill();
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
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      version: manifest.version,
      database: 'ok',
    });
  });

  it('runs a broadcast end to end from the built packages', async () => {
    const result = await server.client.broadcast.create.mutate({
      prompt: 'Built server check',
      models: [{ providerId: 'demo', modelId: 'demo-fast' }],
    });
    const messageId = result.panes[0]!.messageId;
    const events = await collectEvents(
      server.client,
      { sessionId: result.sessionId },
      finalsFor([messageId]),
    );
    expect(textOf(events, messageId)).toContain('Simulated answer');
    const session = await server.client.sessions.get.query({ sessionId: result.sessionId });
    expect(session.panes[0]!.messages[1]).toMatchObject({
      status: 'complete',
      content: textOf(events, messageId),
    });
  });
});
