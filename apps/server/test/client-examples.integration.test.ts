import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { beforeEach, describe, expect, it } from 'vitest';

import { useHarness } from './harness';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cliDir = resolve(root, 'apps/cli');
const tsx = resolve(cliDir, 'node_modules/.bin/tsx');

const ctx = useHarness();

beforeEach(() => {
  const upstreams = ctx.upstreams();
  for (const fake of [upstreams.litellm, upstreams.google, upstreams.groq]) fake.reset();
});

/** Each `[label] text` run of the CLI's output, joined per label. */
function printedAnswers(stdout: string): Record<string, string> {
  const body = stdout.split('\n\nmodel ')[0]!;
  const parts = body.split(/\n\[([^\]\n]+)\] /);
  const answers: Record<string, string> = {};
  for (let i = 1; i < parts.length; i += 2)
    answers[parts[i]!] = (answers[parts[i]!] ?? '') + parts[i + 1]!;
  return answers;
}

describe("the README's client example", () => {
  it('is the file the tests run, word for word', () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    const block = /<!-- example:client -->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(
      block,
      'README.md needs the client example between <!-- example:client --> and its ```ts block',
    ).toBeDefined();
    expect(block).toBe(readFileSync(resolve(cliDir, 'src/readme-example.ts'), 'utf8'));
  });

  it('prints both answers whole and exits, against upstreams that answer before it subscribes', async () => {
    const { stdout } = await run(tsx, ['src/readme-example.ts'], {
      cwd: cliDir,
      env: { ...process.env, BROADCAST_URL: `${ctx.h().server.url}/trpc` },
      timeout: 20_000,
    });
    const lines = stdout.split('\n');
    expect(lines).toContain(
      'groq/llama-3.1-8b-instant: llama-3.1-8b-instant answers: Explain quantum computing in simple terms',
    );
    const demo = lines.find((l) => l.startsWith('demo/demo-fast: '))!;
    expect(demo.length).toBeGreaterThan('demo/demo-fast: '.length + 40);
    expect(lines.filter((l) => /^ {2}\d+ tokens, \$/.test(l))).toHaveLength(2);
  });
});

describe('the CLI example (apps/cli)', () => {
  it('prints every character of each answer and its metrics, then exits, with zero-delay upstreams', async () => {
    const prompt = 'Why is the sky blue? — ünïcödé 🎉';
    const { stdout } = await run(
      'pnpm',
      [
        '--silent',
        '--filter',
        '@mlb/cli-example',
        'start',
        '--',
        '--url',
        ctx.h().server.url,
        '--model',
        'litellm/gpt-4o-mini',
        '--model',
        'google/gemini-2.0-flash',
        '--model',
        'groq/llama-3.1-8b-instant',
        prompt,
      ],
      { cwd: root, timeout: 30_000 },
    );
    expect(printedAnswers(stdout)).toEqual({
      'litellm/gpt-4o-mini': `gpt-4o-mini answers: ${prompt}`,
      'google/gemini-2.0-flash': `gemini-2.0-flash answers: ${prompt}`,
      'groq/llama-3.1-8b-instant': `llama-3.1-8b-instant answers: ${prompt}`,
    });
    const table = stdout.split('\n\nmodel ')[1]!;
    for (const label of [
      'litellm/gpt-4o-mini',
      'google/gemini-2.0-flash',
      'groq/llama-3.1-8b-instant',
    ])
      expect(table).toMatch(new RegExp(`${label.replace('/', '\\/')}\\s+\\d+\\s+\\d+`));
  });
});
