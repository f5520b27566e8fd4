import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { collectEvents, finalsFor, useHarness, type Harness, type Received } from './harness';
import { api, ended, openStream, type StreamMessage } from './original-api';

const ctx = useHarness();
let h: Harness;
let url: string;
beforeAll(() => {
  h = ctx.h();
  url = h.server.url;
});
afterEach(() => {
  const u = ctx.upstreams();
  for (const fake of [u.litellm, u.google, u.groq]) fake.reset();
});

const THREE = [
  { provider_id: 'litellm', model_id: 'gpt-4o-mini' },
  { provider_id: 'google', model_id: 'gemini-2.0-flash' },
  { provider_id: 'groq', model_id: 'llama-3.1-8b-instant' },
];

interface Broadcast {
  session_id: string;
  last_event_id: string;
  panes: { pane_id: string; message_id: string; provider_id: string }[];
}

const broadcast = async (body: Record<string, unknown>) => {
  const { status, json } = await api<Broadcast>(url, 'POST', '/broadcast', body);
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
};

/** The answer's text as the original's client builds it: its token messages, in order. */
const tokensOf = (messages: StreamMessage[], paneId: string) =>
  messages
    .filter((m) => m.type === 'token' && m.pane_id === paneId)
    .map((m) => String(m.data.token))
    .join('');

/** A long answer in small, paced chunks: a client can leave and come back while it streams. */
const LONG_TEXT = Array.from({ length: 60 }, (_, i) => `sentence ${i} of a long answer.`).join(' ');
const slowly = () =>
  ctx.upstreams().groq.setScenario('llama-3.1-8b-instant', {
    text: LONG_TEXT,
    chunkSize: 3,
    tokenDelayMs: 5,
  });

describe('WS /ws/{session_id} in the original’s format', () => {
  it('streams a three-provider broadcast opened before the session exists: tokens, final, meter and error', async () => {
    ctx.upstreams().groq.setScenario('llama-3.1-8b-instant', {
      error: { status: 401 },
    });
    const stream = openStream(url, 'three-providers');
    await stream.opened;
    await stream.until((m) => m.some((x) => x.type === 'waiting'));
    const made = await broadcast({
      prompt: 'Explain quantum computing in simple terms',
      models: THREE,
      session_id: 'three-providers',
    });
    const messages = await stream.until(ended(made.panes.map((p) => p.message_id)));
    await stream.close();

    const [litellm, google, groq] = made.panes;
    for (const pane of [litellm!, google!]) {
      const final = messages.find((m) => m.type === 'final' && m.pane_id === pane.pane_id)!;
      expect(final.data.content).toBe(tokensOf(messages, pane.pane_id));
      expect(final.data.content).toContain('answers: Explain quantum computing in simple terms');
      const meter = messages.find((m) => m.type === 'meter' && m.pane_id === pane.pane_id)!;
      expect(meter.data.tokens_used).toBe(
        Number(meter.data.input_tokens) + Number(meter.data.output_tokens),
      );
      expect(meter.data).toHaveProperty('cost');
    }
    const error = messages.find((m) => m.type === 'error' && m.pane_id === groq!.pane_id)!;
    expect(error.data).toMatchObject({
      kind: 'authentication',
      message: expect.any(String) as string,
      suggestion: expect.stringContaining('GROQ_API_KEY') as string,
    });
    // Every event has an id, once; the waiting notice before them has none.
    const ids = messages.filter((m) => m.type !== 'waiting').map((m) => m.id);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(messages[0]).toMatchObject({ type: 'waiting', pane_id: null });
    for (const m of messages.slice(1))
      expect(Object.keys(m)).toEqual(['id', 'type', 'session_id', 'pane_id', 'message_id', 'data']);
  });

  it('resumes from ?last_event_id= exactly once: nothing lost, nothing twice', async () => {
    slowly();
    const made = await broadcast({
      prompt: 'Tell me a long story',
      models: [THREE[2]],
    });
    const pane = made.panes[0]!;
    const first = openStream(url, made.session_id, { lastEventId: made.last_event_id });
    await first.until((m) => m.filter((x) => x.type === 'token').length >= 5);
    await first.close();
    const seen = [...first.messages];
    const second = openStream(url, made.session_id, { lastEventId: seen.at(-1)!.id! });
    const rest = await second.until(ended([pane.message_id]));
    await second.close();

    const all = [...seen, ...rest];
    const ids = all.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const final = all.find((m) => m.type === 'final')!;
    expect(final.data.content).toBe(LONG_TEXT);
    expect(tokensOf(all, pane.pane_id)).toBe(LONG_TEXT);
  });

  it('a client switches between /ws and tRPC mid-stream and loses nothing', async () => {
    slowly();
    const made = await broadcast({ prompt: 'Another long story', models: [THREE[2]] });
    const pane = made.panes[0]!;
    // What one uninterrupted subscriber sees, for comparison.
    const whole = collectEvents(
      h.client,
      { sessionId: made.session_id, lastEventId: made.last_event_id },
      finalsFor([pane.message_id]),
    );

    const partOne = openStream(url, made.session_id, { lastEventId: made.last_event_id });
    await partOne.until((m) => m.filter((x) => x.type === 'token').length >= 3);
    await partOne.close();
    let lastId = partOne.messages.at(-1)!.id!;

    const partTwo = await collectEvents(
      h.client,
      { sessionId: made.session_id, lastEventId: lastId },
      (events) => events.filter((e) => e.event.type === 'token').length >= 3,
    );
    lastId = partTwo.at(-1)!.id;

    const partThree = openStream(url, made.session_id, { lastEventId: lastId });
    await partThree.until(ended([pane.message_id]));
    await partThree.close();

    const stitched = [
      ...partOne.messages.map((m) => m.id),
      ...partTwo.map((e) => e.id),
      ...partThree.messages.map((m) => m.id),
    ];
    const reference: Received[] = await whole;
    expect(stitched).toEqual(reference.map((e) => e.id));
    const text =
      tokensOf(partOne.messages, pane.pane_id) +
      partTwo.map((e) => (e.event.type === 'token' ? e.event.data.token : '')).join('') +
      tokensOf(partThree.messages, pane.pane_id);
    expect(text).toBe(LONG_TEXT);
  });

  it('a socket waiting for a new session follows a tRPC broadcast that creates it, from its first event', async () => {
    const stream = openStream(url, 'made-by-trpc');
    await stream.until((m) => m.some((x) => x.type === 'waiting'));
    const made = await h.client.broadcast.create.mutate({
      prompt: 'Hello from tRPC',
      models: [{ providerId: 'groq', modelId: 'llama-3.1-8b-instant' }],
      sessionId: 'made-by-trpc',
      createIfMissing: true,
    });
    const messages = await stream.until(ended([made.panes[0]!.messageId]));
    await stream.close();
    expect(messages[1]).toMatchObject({ type: 'status', data: { state: 'queued' } });
    expect(tokensOf(messages, made.panes[0]!.paneId)).toBe(
      'llama-3.1-8b-instant answers: Hello from tRPC',
    );
  });
});
