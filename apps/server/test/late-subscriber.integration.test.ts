import { beforeEach, describe, expect, it } from 'vitest';

import { collectEvents, textOf, useHarness, type Received } from './harness';

const THREE = [
  { providerId: 'litellm', modelId: 'gpt-4o-mini' },
  { providerId: 'google', modelId: 'gemini-2.0-flash' },
  { providerId: 'groq', modelId: 'llama-3.1-8b-instant' },
];
const PROMPT = 'Answer at once — ünïcödé 🎉';
const expected = (modelId: string) => `${modelId} answers: ${PROMPT}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ctx = useHarness();

beforeEach(() => {
  const upstreams = ctx.upstreams();
  for (const fake of [upstreams.litellm, upstreams.google, upstreams.groq]) fake.reset();
});

const metersFor = (messageIds: string[]) => (events: Received[]) =>
  messageIds.every((id) =>
    events.some((e) => e.event.type === 'meter' && e.event.messageId === id),
  );

describe('a client that subscribes after the answers ended', () => {
  it('gets every event of the broadcast from its first, exactly once, with the id the broadcast returned', async () => {
    const { client } = ctx.h();
    // Zero-delay upstreams: every answer ends long before the subscription below attaches.
    const result = await client.broadcast.create.mutate({ prompt: PROMPT, models: THREE });
    expect(result.lastEventId).toEqual(expect.any(String));
    await sleep(1000);

    const events = await collectEvents(
      client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      metersFor(result.panes.map((p) => p.messageId)),
    );
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pane of result.panes) {
      const own = events.filter((e) => e.event.messageId === pane.messageId).map((e) => e.event);
      // From the very first event: queued, streaming, the tokens, then the end.
      expect(own[0]).toMatchObject({ type: 'status', data: { state: 'queued' } });
      expect(own.some((e) => e.type === 'status' && e.data.content !== undefined)).toBe(false);
      const tokens = own.flatMap((e) => (e.type === 'token' ? [e.data.token] : []));
      expect(tokens.join('')).toBe(expected(pane.modelId));
      const types = own.map((e) => e.type);
      expect(types.indexOf('final')).toBeGreaterThan(types.lastIndexOf('token'));
      expect(types.indexOf('meter')).toBeGreaterThan(types.indexOf('final'));
      const final = own.find((e) => e.type === 'final');
      expect(final?.type === 'final' && final.data).toMatchObject({
        content: expected(pane.modelId),
        reason: 'done',
      });
    }
  });

  it('without an id gets a snapshot that carries each ended answer, its end and its metrics', async () => {
    const { client } = ctx.h();
    const result = await client.broadcast.create.mutate({ prompt: PROMPT, models: THREE });
    await sleep(1000);

    const events = await collectEvents(client, { sessionId: result.sessionId }, (ev) =>
      result.panes.every((p) =>
        ev.some(
          (e) => e.event.type === 'status' && e.event.messageId === p.messageId && e.event.data.end,
        ),
      ),
    );
    for (const pane of result.panes) {
      const status = events.find((e) => e.event.messageId === pane.messageId)!.event;
      expect(status.type).toBe('status');
      if (status.type !== 'status') continue;
      expect(status.data.state).toBe('complete');
      expect(status.data.content).toBe(expected(pane.modelId));
      expect(status.data.end).toMatchObject({ reason: 'done', error: null });
      expect(status.data.end?.metrics).toMatchObject({
        outputTokens: expect.any(Number),
        estimated: false,
      });
      expect(status.data.end!.metrics!.tokensUsed).toBe(
        status.data.end!.metrics!.inputTokens + status.data.end!.metrics!.outputTokens,
      );
      expect(textOf(events, pane.messageId)).toBe(expected(pane.modelId));
    }
  });
});

describe('sessions.eventBatches', () => {
  /** Collects batches until `enough` events arrived; returns the batches and their tracked ids. */
  const batchesOf = (
    client: ReturnType<typeof ctx.h>['client'],
    input: { sessionId: string; lastEventId?: string | null },
    enough: number,
  ) =>
    new Promise<{ id: string; data: Received[] }[]>((resolve, reject) => {
      const batches: { id: string; data: Received[] }[] = [];
      const timer = setTimeout(() => {
        sub.unsubscribe();
        reject(new Error(`timed out with ${batches.length} batches`));
      }, 10_000);
      const sub = client.sessions.eventBatches.subscribe(input, {
        onData: ({ id, data }) => {
          batches.push({ id, data });
          if (batches.reduce((n, b) => n + b.data.length, 0) < enough) return;
          clearTimeout(timer);
          sub.unsubscribe();
          resolve(batches);
        },
        onError: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });

  it('carries exactly the events of sessions.events, several to a message, tracked by the last one', async () => {
    const { client } = ctx.h();
    const result = await client.broadcast.create.mutate({ prompt: PROMPT, models: THREE });
    const one = await collectEvents(
      client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      metersFor(result.panes.map((p) => p.messageId)),
    );
    const batches = await batchesOf(
      client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      one.length,
    );
    // A replay from long ago comes in few messages, each tracked by its last event's id.
    expect(batches.length).toBeLessThan(one.length);
    for (const batch of batches) {
      expect(batch.data.length).toBeGreaterThan(0);
      expect(batch.id).toBe(batch.data[batch.data.length - 1]!.id);
    }
    // (`one` stops at the last meter; the batches may already hold the status after it.)
    expect(batches.flatMap((b) => b.data).slice(0, one.length)).toEqual(one);

    // Resuming from any event's id gives exactly what came after it, batched again.
    const rest = await batchesOf(
      client,
      { sessionId: result.sessionId, lastEventId: one[4]!.id },
      one.length - 5,
    );
    expect(rest.flatMap((b) => b.data).slice(0, one.length - 5)).toEqual(one.slice(5));
  });

  it('refuses a session that does not exist, as sessions.events does', async () => {
    const { client } = ctx.h();
    await expect(batchesOf(client, { sessionId: 'no-such-session' }, 1)).rejects.toThrow(
      /does not exist|not found/i,
    );
  });
});

describe('meters that count what the provider bills', () => {
  it('a stopped answer counts the tokens it received (estimated) and prices them; progress streams while it runs', async () => {
    const { client } = ctx.h();
    const upstreams = ctx.upstreams();
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(40);
    upstreams.litellm.setScenario('gpt-4o-mini', { text, tokenDelayMs: 15 });
    const result = await client.broadcast.create.mutate({
      prompt: 'Tell me about foxes.',
      models: [{ providerId: 'litellm', modelId: 'gpt-4o-mini' }],
    });
    const [pane] = result.panes;
    let stopped = false;
    const events = await collectEvents(
      client,
      { sessionId: result.sessionId, lastEventId: result.lastEventId },
      (ev) => {
        const progress = ev.filter((e) => e.event.type === 'token' && e.event.data.progress);
        if (!stopped && progress.length >= 2) {
          stopped = true;
          void client.panes.stop.mutate({ paneId: pane!.paneId });
        }
        return ev.some((e) => e.event.type === 'meter');
      },
    );
    const received = textOf(events, pane!.messageId);
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(text.length);
    const progress = events.flatMap((e) =>
      e.event.type === 'token' && e.event.data.progress ? [e.event.data.progress] : [],
    );
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[1]!.outputTokens).toBeGreaterThan(progress[0]!.outputTokens);
    expect(progress[1]!.elapsedMs).toBeGreaterThanOrEqual(progress[0]!.elapsedMs + 250);

    const meter = events.find((e) => e.event.type === 'meter')!.event;
    if (meter.type !== 'meter') throw new Error('no meter');
    expect(meter.data.estimated).toBe(true);
    // "The quick brown fox…" is 10 o200k tokens per sentence; what arrived is counted, not the whole text.
    expect(meter.data.outputTokens).toBeGreaterThan(0);
    expect(meter.data.outputTokens).toBeLessThan(400);
    expect(meter.data.cost).toBeGreaterThan(0);

    const session = await client.sessions.get.query({ sessionId: result.sessionId });
    const answer = session.panes[0]!.messages[1]!;
    expect(answer).toMatchObject({ status: 'stopped', endReason: 'stopped', content: received });
    expect(answer.metrics).toMatchObject({
      estimated: true,
      outputTokens: meter.data.outputTokens,
      cost: meter.data.cost,
    });
    expect(session.totals.outputTokens).toBe(meter.data.outputTokens);
  });
});
