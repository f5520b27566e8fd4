import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll } from 'vitest';

import { createClient, type BroadcastClient } from '@mlb/client/node';
import type { PaneEvent } from '@mlb/contracts';
import { silentLogger } from '@mlb/logger';
import { startFakeUpstream, type FakeUpstream } from '@mlb/test-support';

import { startServer, type RunningServer } from '../src/create-server';
import { loadEnv } from '../src/env';

export interface Upstreams {
  litellm: FakeUpstream;
  google: FakeUpstream;
  groq: FakeUpstream;
  close: () => Promise<void>;
}

export async function startUpstreams(): Promise<Upstreams> {
  const [litellm, google, groq] = await Promise.all([
    startFakeUpstream({
      flavor: 'litellm',
      apiKey: 'sk-litellm',
      models: ['gpt-4o-mini', 'claude-3-5-haiku'],
    }),
    startFakeUpstream({ flavor: 'gemini', apiKey: 'google-key', models: ['gemini-2.0-flash'] }),
    startFakeUpstream({ flavor: 'groq', apiKey: 'gsk-key', models: ['llama-3.1-8b-instant'] }),
  ]);
  return {
    litellm,
    google,
    groq,
    close: async () => {
      await Promise.all([litellm.close(), google.close(), groq.close()]);
    },
  };
}

export function envFor(
  upstreams: Upstreams,
  dbUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: dbUrl,
    LITELLM_BASE_URL: upstreams.litellm.baseUrl,
    LITELLM_MASTER_KEY: 'sk-litellm',
    GOOGLE_BASE_URL: upstreams.google.baseUrl,
    GOOGLE_API_KEY: 'google-key',
    GROQ_BASE_URL: upstreams.groq.baseUrl,
    GROQ_API_KEY: 'gsk-key',
    OLLAMA_BASE_URL: 'http://127.0.0.1:9',
    DEMO_TOKENS_PER_SECOND: '400',
    DEMO_FIRST_TOKEN_MS: '5',
    STREAM_MAX_RETRIES: '1',
    STREAM_FIRST_TOKEN_TIMEOUT_MS: '5000',
    PERSIST_INTERVAL_MS: '50',
    ...extra,
  };
}

export interface Harness {
  server: RunningServer;
  client: BroadcastClient;
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

export function tempDbUrl(): { url: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'broadcast-it-'));
  return {
    url: `file:${join(dir, 'test.db')}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The real server in-process on a random port, and the exported client over real HTTP and WS. */
export async function startHarness(
  env: Record<string, string>,
  clientOptions: { token?: string } = {},
): Promise<Harness> {
  const h = {} as Harness;
  const boot = async () => {
    h.server = await startServer(loadEnv(env), silentLogger);
    h.client = createClient({ url: `${h.server.url}/trpc`, ...clientOptions });
  };
  await boot();
  h.stop = async () => {
    await h.client.close();
    await h.server.close();
  };
  h.restart = async () => {
    await h.stop();
    await boot();
  };
  return h;
}

export interface Received {
  id: string;
  event: PaneEvent;
}

/**
 * Subscribes and collects tracked events until `done` says so (or the timeout fails the test).
 * `done` is asked after each event, and again whenever it calls `recheck` (for state it awaits elsewhere).
 */
export function collectEvents(
  client: BroadcastClient,
  input: { sessionId: string; lastEventId?: string | null },
  done: (events: Received[], recheck: () => void) => boolean,
  timeoutMs = 10_000,
): Promise<Received[]> {
  const events: Received[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(
        new Error(
          `timed out with ${events.length} events: ${events.map((e) => e.event.type).join(',')}`,
        ),
      );
    }, timeoutMs);
    let finished = false;
    const check = () => {
      if (finished || !done(events, check)) return;
      finished = true;
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(events);
    };
    const sub = client.sessions.events.subscribe(input, {
      onData: ({ id, data }) => {
        events.push({ id, event: data });
        check();
      },
      onError: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
  });
}

const TERMINAL = ['complete', 'error', 'stopped', 'interrupted'];

/** Done when every answer ended: a terminal status (live, or in the snapshot of an answer that ended before we subscribed). */
export const finalsFor = (messageIds: string[]) => (events: Received[]) =>
  messageIds.every((id) =>
    events.some(
      (e) =>
        e.event.type === 'status' &&
        e.event.messageId === id &&
        TERMINAL.includes(e.event.data.state),
    ),
  );

/** The final event's content, or the snapshot's for an answer that ended before we subscribed. */
export function finalContent(events: Received[], messageId: string): string | undefined {
  for (const { event } of events) {
    if (event.messageId !== messageId) continue;
    if (event.type === 'final') return event.data.content;
  }
  const snapshot = events.find(
    (e) =>
      e.event.type === 'status' &&
      e.event.messageId === messageId &&
      e.event.data.content !== undefined,
  );
  return snapshot?.event.type === 'status' ? snapshot.event.data.content : undefined;
}

/** The text a pane received: token events in order (a snapshot status replaces what came before). */
export function textOf(events: Received[], messageId: string): string {
  let text = '';
  for (const { event } of events) {
    if (event.messageId !== messageId) continue;
    if (event.type === 'token') text += event.data.token;
    if (event.type === 'status' && event.data.content !== undefined) text = event.data.content;
  }
  return text;
}

/**
 * For assertions on events that happen right away (errors, retries): make a session, subscribe,
 * and only once the subscription is live (its first snapshot event arrived) start the work.
 */
export async function liveRun<R>(
  client: BroadcastClient,
  start: (sessionId: string) => Promise<R>,
  done: (result: R) => (events: Received[]) => boolean,
): Promise<{ result: R; events: Received[] }> {
  const seed = await client.broadcast.create.mutate({
    prompt: 'seed',
    models: [{ providerId: 'demo', modelId: 'demo-fast' }],
  });
  await collectEvents(client, { sessionId: seed.sessionId }, finalsFor([seed.panes[0]!.messageId]));
  let result: R | undefined;
  let started = false;
  const events = await collectEvents(client, { sessionId: seed.sessionId }, (ev, recheck) => {
    if (!started) {
      started = true;
      // The call may return after its last event (it waits for its writes): check again then.
      void start(seed.sessionId).then((r) => {
        result = r;
        recheck();
      });
      return false;
    }
    return result !== undefined && done(result)(ev);
  });
  return { result: result!, events };
}

/** Registers the shared lifecycle: fake upstreams, a temp database and the server, torn down after the file. */
export function useHarness(
  extraEnv: Record<string, string> = {},
  clientOptions: { token?: string } = {},
): { upstreams: () => Upstreams; h: () => Harness } {
  let upstreams: Upstreams;
  let h: Harness;
  let db: ReturnType<typeof tempDbUrl>;
  beforeAll(async () => {
    upstreams = await startUpstreams();
    db = tempDbUrl();
    h = await startHarness(envFor(upstreams, db.url, extraEnv), clientOptions);
  });
  afterAll(async () => {
    await h.stop();
    await upstreams.close();
    db.cleanup();
  });
  return { upstreams: () => upstreams, h: () => h };
}
