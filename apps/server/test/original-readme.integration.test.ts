import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFakeUpstream } from '@mlb/test-support';

import {
  collectEvents,
  envFor,
  finalsFor,
  startHarness,
  tempDbUrl,
  type Harness,
  type Upstreams,
} from './harness';
import { pointedAt, readmeExample } from './original-readme';

const run = promisify(execFile);

// The models the original README's examples name, served by fakes of their providers.
let upstreams: Upstreams;
let h: Harness;
let db: ReturnType<typeof tempDbUrl>;
beforeAll(async () => {
  const [litellm, google, groq] = await Promise.all([
    startFakeUpstream({ flavor: 'litellm', apiKey: 'sk-litellm', models: ['gpt-3.5-turbo'] }),
    startFakeUpstream({ flavor: 'gemini', apiKey: 'google-key', models: ['gemini-2.0-flash'] }),
    startFakeUpstream({ flavor: 'groq', apiKey: 'gsk-key', models: ['mixtral-8x7b-32768'] }),
  ]);
  upstreams = {
    litellm,
    google,
    groq,
    close: async () => {
      await Promise.all([litellm.close(), google.close(), groq.close()]);
    },
  };
  db = tempDbUrl();
  h = await startHarness(envFor(upstreams, db.url));
});
afterAll(async () => {
  await h.stop();
  await upstreams.close();
  db.cleanup();
});

/** A Python 3 that has httpx (Debian's python3-httpx), or why there is none. */
async function pythonWithHttpx(): Promise<{ python: string } | { missing: 'python' | 'httpx' }> {
  let found = false;
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      await run(python, ['-c', 'import httpx']);
      return { python };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') found = true;
    }
  }
  return { missing: found ? 'httpx' : 'python' };
}

describe('the original README’s examples, run as written', () => {
  it('“Manual API Testing”: each curl command answers JSON with the provider status', async () => {
    const commands = pointedAt(readmeExample('Manual API Testing', 'bash'), h.server.port)
      .split('\n')
      .filter((line) => line.startsWith('curl '));
    expect(commands).toHaveLength(3);
    const [health, models, providers] = await Promise.all(
      commands.map(
        async (command) => JSON.parse((await run('sh', ['-c', command])).stdout) as unknown,
      ),
    );
    expect(health).toMatchObject({
      status: 'ok',
      database: 'ok',
      providers: expect.any(Array) as unknown,
    });
    expect(models).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          provider: expect.objectContaining({ id: 'groq' }) as unknown,
          models: [expect.objectContaining({ id: 'mixtral-8x7b-32768', provider_id: 'groq' })],
        }),
      ]),
    );
    expect(providers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'litellm', state: 'healthy' }),
        expect.objectContaining({
          id: 'openai',
          state: 'not_configured',
          hint: expect.stringContaining('OPENAI_API_KEY') as string,
        }),
      ]),
    );
    // The check /providers/health made is what /health reports from now on.
    const { stdout } = await run('sh', ['-c', commands[0]!]);
    expect(JSON.parse(stdout)).toMatchObject({
      providers: expect.arrayContaining([
        expect.objectContaining({ id: 'litellm', state: 'healthy' }),
      ]) as unknown,
    });
  });

  it('“Basic Broadcast Request”: the httpx script starts a broadcast in the session it names', async () => {
    const script = pointedAt(readmeExample('Basic Broadcast Request', 'python'), h.server.port);
    const interpreter = await pythonWithHttpx();
    let printed: string;
    if ('python' in interpreter) {
      printed = (await run(interpreter.python, ['-c', script])).stdout;
    } else if (interpreter.missing === 'httpx') {
      throw new Error(
        'Python is here but httpx is not: install it (Debian: apt-get install python3-httpx; .ci/run does).',
      );
    } else {
      // No Python at all on this machine: the script's one request, sent from Node instead.
      console.warn(
        'Python is not available on this machine: the httpx script’s request is sent from Node instead.',
      );
      const url = /client\.post\("([^"]+)"/.exec(script)![1]!;
      const body = /json=(\{[\s\S]*?\n {8}\})\)/.exec(script)![1]!;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      printed = `Broadcast started: ${await response.text()}`;
    }
    // Python prints the JSON answer as a dict.
    expect(printed).toMatch(/^Broadcast started: \{.*'session_id': 'test-session'/);
    const lastEventId = /'last_event_id': '([^']+)'/.exec(printed)?.[1];
    const messageIds = [...printed.matchAll(/'message_id': '([^']+)'/g)].map((m) => m[1]!);
    expect(messageIds).toHaveLength(2);
    await collectEvents(
      h.client,
      { sessionId: 'test-session', lastEventId },
      finalsFor(messageIds),
    );

    const session = await h.client.sessions.get.query({ sessionId: 'test-session' });
    expect(session.panes.map((p) => [p.providerId, p.modelId, p.state])).toEqual([
      ['litellm', 'gpt-3.5-turbo', 'complete'],
      ['groq', 'mixtral-8x7b-32768', 'complete'],
    ]);
    expect(session.panes[1]!.messages.at(-1)!.content).toBe(
      'mixtral-8x7b-32768 answers: Explain quantum computing in simple terms',
    );
  });
});
