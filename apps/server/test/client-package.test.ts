import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useHarness } from './harness';
import { createConsumerProject, type ConsumerProject } from './packed-client';

// The published form of @mlb/client, proven the way another project uses it: pack, install the
// tarball with npm into a TypeScript project outside the workspace, type-check, and stream a
// broadcast from the real server (in-process, fake upstreams) through it.

const PROMPT = 'Hello from a packed client — ünïcödé 🎉';
const MODEL = { providerId: 'litellm', modelId: 'gpt-4o-mini' };
// What the fake LiteLLM upstream streams for any prompt (see @mlb/test-support).
const EXPECTED_TEXT = `${MODEL.modelId} answers: ${PROMPT}`;

/** The consumer program: one broadcast, its pane followed to the end over the subscription. */
const MAIN = `
import { createClient, type PaneEvent } from '@mlb/client/node';

const client = createClient({ url: process.argv[2]! });
const { sessionId, panes } = await client.broadcast.create.mutate({
  prompt: ${JSON.stringify(PROMPT)},
  models: [${JSON.stringify(MODEL)}],
});
const messageId = panes[0]!.messageId;
const ended = ['complete', 'error', 'stopped', 'interrupted'];
const result = await new Promise<{ streamed: string; final: string }>((resolve, reject) => {
  let streamed = '';
  const subscription = client.sessions.events.subscribe(
    { sessionId },
    {
      onData: ({ data }) => {
        const event: PaneEvent = data;
        if (event.messageId !== messageId) return;
        if (event.type === 'token') streamed += event.data.token;
        // A late subscriber first gets the text so far in a status snapshot.
        if (event.type === 'status' && event.data.content !== undefined) streamed = event.data.content;
        const final =
          event.type === 'final'
            ? event.data.content
            : event.type === 'status' && ended.includes(event.data.state)
              ? event.data.content
              : undefined;
        if (final === undefined) return;
        subscription.unsubscribe();
        resolve({ streamed, final });
      },
      onError: reject,
    },
  );
});
console.log(JSON.stringify({ sessionId, ...result }));
await client.close();
`;

/**
 * Calls the compiler must refuse: were the shipped types \`any\`, each would compile. Every line
 * marked \`// expect TSnnnn\` must produce exactly that error, and nothing else may.
 */
const WRONG = `
import { LIMITS } from '@mlb/client';
import { createClient } from '@mlb/client/node';

const client = createClient({ url: 'http://127.0.0.1:8080/trpc' });
export async function wrong(): Promise<void> {
  await client.broadcast.create.mutate({ prompt: 42, models: [] }); // expect TS2322
  const created = await client.broadcast.create.mutate({ prompt: 'p', models: [] });
  console.log(created.sessionID); // expect TS2551
  client.sessions.events.subscribe({ session: 'x' }, {}); // expect TS2561
  await client.broadcast.launch.mutate({ prompt: 'p', models: [] }); // expect TS2339
  console.log(LIMITS.promptMaxChars); // expect TS1362
}
`;

const expectedErrors = WRONG.split('\n').flatMap((line, index) => {
  const code = /\/\/ expect (TS\d+)/.exec(line)?.[1];
  return code ? [`wrong.ts(${index + 1}) ${code}`] : [];
});

const ctx = useHarness();
let consumer: ConsumerProject;

beforeAll(async () => {
  consumer = await createConsumerProject({ 'main.ts': MAIN, 'wrong.ts': WRONG });
}, 240_000);

afterAll(() => consumer?.remove());

describe('@mlb/client as a package', () => {
  it('ships a manifest with real versions and no private workspace packages', () => {
    const m = consumer.manifest;
    expect(m.name).toBe('@mlb/client');
    expect(m.devDependencies).toBeUndefined();
    const all = {
      ...m.dependencies,
      ...m.peerDependencies,
      ...m.optionalDependencies,
    };
    expect(Object.keys(all).filter((name) => name.startsWith('@mlb/'))).toEqual([]);
    for (const [name, version] of Object.entries(all))
      expect(version, name).toMatch(/^\^?~?\d+\.\d+\.\d+/);
    expect(Object.keys(m.exports).sort()).toEqual(['.', './node']);
  });

  it('imports nothing at run time or in its declarations that it does not depend on', () => {
    const declared = new Set(Object.keys(consumer.manifest.dependencies ?? {}));
    const shipped = consumer.files.filter((f) => /\.(js|d\.ts)$/.test(f));
    expect(shipped).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/index.d.ts',
        'dist/node.js',
        'dist/node.d.ts',
      ]),
    );
    const undeclared = new Set<string>();
    for (const file of shipped) {
      const text = readFileSync(join(consumer.dir, 'node_modules/@mlb/client', file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        if (specifier!.startsWith('.') || specifier!.startsWith('node:')) continue;
        const parts = specifier!.split('/');
        const name = specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
        if (!declared.has(name) && !builtinModules.includes(name))
          undeclared.add(`${file}: ${name}`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });

  // tsc over the installed package: seconds alone, much longer on a machine busy with the rest of the suite.
  it(
    'type-checks a consumer program, and refuses wrong calls with the right errors',
    { timeout: 180_000 },
    async () => {
      const result = await consumer.typecheck();
      const errors = [...result.stdout.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gm)]
        .map(([, file, line, code]) => ({ file: file!, at: `${file}(${line}) ${code}` }))
        // Library checking is on so that errors in our declarations show; tRPC's own declarations
        // assume the DOM library and @types/ws, which is theirs to fix (consumers skip lib checks).
        .filter(({ file }) => !/^node_modules\/(?!@mlb\/client\/)/.test(file))
        .map(({ at }) => at);
      expect(errors, result.stdout).toEqual(expectedErrors);
      expect(expectedErrors).toHaveLength(5);
    },
  );

  it('streams a broadcast from the real server through the installed package', async () => {
    const result = await consumer.start(`${ctx.h().server.url}/trpc`);
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as {
      sessionId: string;
      streamed: string;
      final: string;
    };
    expect(output.streamed).toBe(EXPECTED_TEXT);
    expect(output.final).toBe(EXPECTED_TEXT);
    // The server saw the same answer the package streamed.
    const session = await ctx.h().client.sessions.get.query({ sessionId: output.sessionId });
    expect(session.panes[0]!.messages[1]).toMatchObject({
      role: 'assistant',
      content: EXPECTED_TEXT,
    });
  });
});
