import { beforeEach, describe, expect, it } from 'vitest';

import {
  collectEvents,
  finalsFor,
  liveRun,
  textOf,
  useHarness,
  type Harness,
  type Upstreams,
} from './harness';

const PROMPT = 'Compare three ways to sort a list — with "quotes" and ünïcödé 🎉';
const THREE = [
  { providerId: 'litellm', modelId: 'gpt-4o-mini' },
  { providerId: 'google', modelId: 'gemini-2.0-flash' },
  { providerId: 'groq', modelId: 'llama-3.1-8b-instant' },
];
const expectedText = (modelId: string, prompt = PROMPT) => `${modelId} answers: ${prompt}`;

const ctx = useHarness();
let upstreams: Upstreams;
let h: Harness;

beforeEach(() => {
  upstreams = ctx.upstreams();
  h = ctx.h();
  upstreams.litellm.reset();
  upstreams.google.reset();
  upstreams.groq.reset();
});

describe('broadcast over the real server, client and WebSocket', () => {
  it('streams three providers at once with exact texts, and persists them with their metrics', async () => {
    // Followed live from before the call, so every answer's own final and meter events are seen.
    const { result, events } = await liveRun(
      h.client,
      (sessionId) => h.client.broadcast.create.mutate({ sessionId, prompt: PROMPT, models: THREE }),
      (r) => finalsFor(r.panes.map((p) => p.messageId)),
    );
    expect(result.panes.map((p) => p.providerId)).toEqual(['litellm', 'google', 'groq']);

    for (const pane of result.panes) {
      const final = events.find(
        (e) => e.event.type === 'final' && e.event.messageId === pane.messageId,
      )!.event;
      expect(final.type === 'final' && final.data.content).toBe(expectedText(pane.modelId));
      expect(final.type === 'final' && final.data.reason).toBe('done');
    }

    await expect
      .poll(async () =>
        (await h.client.sessions.get.query({ sessionId: result.sessionId })).panes.every(
          (p) => p.state === 'complete',
        ),
      )
      .toBe(true);
    const session = await h.client.sessions.get.query({ sessionId: result.sessionId });
    // The session's first pane holds the seed answer liveRun started it with.
    const broadcastPanes = session.panes.filter((p) => result.panes.some((r) => r.paneId === p.id));
    expect(broadcastPanes).toHaveLength(3);
    for (const pane of broadcastPanes) {
      const [user, answer] = pane.messages;
      expect(user).toMatchObject({ role: 'user', content: PROMPT });
      expect(answer).toMatchObject({
        role: 'assistant',
        status: 'complete',
        content: expectedText(pane.modelId),
      });
      const m = answer!.metrics!;
      expect(m.outputTokens).toBe(Math.ceil(Array.from(expectedText(pane.modelId)).length / 4));
      expect(m.inputTokens).toBe(PROMPT.split(/\s+/).length);
      expect(m.ttftMs).not.toBeNull();
      expect(m.latencyMs).toBeGreaterThanOrEqual(m.ttftMs!);
      expect(m.retries).toBe(0);
      const meter = events.find(
        (e) => e.event.type === 'meter' && e.event.messageId === answer!.id,
      )!.event;
      expect(meter.type === 'meter' && meter.data.tokensUsed).toBe(m.inputTokens + m.outputTokens);
      expect(meter.type === 'meter' && meter.data.cost).toBe(m.cost);
    }
    const groq = session.panes.find((p) => p.providerId === 'groq')!;
    expect(groq.messages[1]!.metrics!.cost).toBeGreaterThan(0);
    expect(session.totals.answers).toBe(4);
    expect(session.totals.outputTokens).toBe(
      session.panes.reduce((n, p) => n + p.messages[1]!.metrics!.outputTokens, 0),
    );
  });

  it('keeps two panes answering while the third fails, with the error kind and a suggestion', async () => {
    upstreams.groq.setScenario('llama-3.1-8b-instant', {
      error: {
        status: 401,
        body: {
          error: {
            message: 'Invalid API Key',
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        },
      },
    });
    const { result, events } = await liveRun(
      h.client,
      (sessionId) =>
        h.client.broadcast.create.mutate({ sessionId, prompt: 'fail one', models: THREE }),
      (r) => finalsFor(r.panes.map((p) => p.messageId)),
    );
    const groq = result.panes.find((p) => p.providerId === 'groq')!;
    const error = events.find((e) => e.event.type === 'error')!.event;
    expect(error.paneId).toBe(groq.paneId);
    expect(error.type === 'error' && error.data.kind).toBe('authentication');
    expect(error.type === 'error' && error.data.suggestion).toMatch(/GROQ_API_KEY/);
    for (const pane of result.panes.filter((p) => p !== groq))
      expect(textOf(events, pane.messageId)).toBe(expectedText(pane.modelId, 'fail one'));
    const session = await h.client.sessions.get.query({ sessionId: result.sessionId });
    expect(session.panes.map((p) => p.state)).toEqual([
      'complete',
      'complete',
      'complete',
      'error',
    ]);
    expect(session.panes[3]!.messages[1]!.error).toMatchObject({ kind: 'authentication' });
  });

  it('stops one pane mid-stream, keeps its partial text, and retries it to completion', async () => {
    upstreams.litellm.setScenario('gpt-4o-mini', { tokenDelayMs: 40, text: 'slow '.repeat(200) });
    const result = await h.client.broadcast.create.mutate({
      prompt: 'stop me',
      models: [THREE[0]!, THREE[2]!],
    });
    const [slow, fast] = result.panes;
    const events = await collectEvents(h.client, { sessionId: result.sessionId }, (ev) => {
      const tokens = ev.filter(
        (e) => e.event.type === 'token' && e.event.paneId === slow!.paneId,
      ).length;
      if (tokens === 3) void h.client.panes.stop.mutate({ paneId: slow!.paneId });
      return finalsFor([slow!.messageId, fast!.messageId])(ev);
    });
    const final = events.find(
      (e) => e.event.type === 'final' && e.event.messageId === slow!.messageId,
    )!.event;
    expect(final.type === 'final' && final.data.reason).toBe('stopped');
    const partial = final.type === 'final' ? final.data.content : '';
    expect(partial.length).toBeGreaterThan(0);
    expect('slow '.repeat(200).startsWith(partial)).toBe(true);
    expect(textOf(events, fast!.messageId)).toBe(expectedText('llama-3.1-8b-instant', 'stop me'));
    let session = await h.client.sessions.get.query({ sessionId: result.sessionId });
    expect(session.panes[0]!.messages[1]).toMatchObject({ status: 'stopped', content: partial });

    upstreams.litellm.reset();
    const retry = await h.client.panes.retry.mutate({ paneId: slow!.paneId });
    await collectEvents(h.client, { sessionId: result.sessionId }, finalsFor([retry.messageId]));
    session = await h.client.sessions.get.query({ sessionId: result.sessionId });
    const thread = session.panes[0]!.messages;
    expect(thread.map((m) => `${m.role}:${m.status}`)).toEqual([
      'user:complete',
      'assistant:stopped',
      'assistant:complete',
    ]);
    expect(thread[2]!.content).toBe(expectedText('gpt-4o-mini', 'stop me'));
    expect(await h.client.panes.stop.mutate({ paneId: slow!.paneId })).toEqual({ stopped: false });
  });

  it('retries a rate-limited request before the first token and records the retry', async () => {
    upstreams.google.setScenario('gemini-2.0-flash', {
      error: {
        status: 429,
        retryAfter: '0',
        times: 1,
        body: {
          error: {
            code: 429,
            message: 'Resource has been exhausted',
            status: 'RESOURCE_EXHAUSTED',
          },
        },
      },
    });
    const { result, events } = await liveRun(
      h.client,
      (sessionId) =>
        h.client.broadcast.create.mutate({ sessionId, prompt: 'retry me', models: [THREE[1]!] }),
      (r) => finalsFor([r.panes[0]!.messageId]),
    );
    expect(events.some((e) => e.event.type === 'status' && e.event.data.retry?.attempt === 1)).toBe(
      true,
    );
    expect(textOf(events, result.panes[0]!.messageId)).toBe(
      expectedText('gemini-2.0-flash', 'retry me'),
    );
    const meter = events.find((e) => e.event.type === 'meter')!.event;
    expect(meter.type === 'meter' && meter.data.retries).toBe(1);
  });

  it('continues each pane’s own thread on a follow-up broadcast', async () => {
    const first = await h.client.broadcast.create.mutate({
      prompt: 'first question',
      models: [THREE[0]!, THREE[2]!],
    });
    await collectEvents(
      h.client,
      { sessionId: first.sessionId },
      finalsFor(first.panes.map((p) => p.messageId)),
    );
    const second = await h.client.broadcast.create.mutate({
      sessionId: first.sessionId,
      prompt: 'second question',
      models: [THREE[2]!, THREE[0]!],
    });
    expect(second.panes.map((p) => p.paneId).sort()).toEqual(
      first.panes.map((p) => p.paneId).sort(),
    );
    await collectEvents(
      h.client,
      { sessionId: first.sessionId },
      finalsFor(second.panes.map((p) => p.messageId)),
    );
    const request = upstreams.groq.requests.at(-1)!.body as {
      messages: { role: string; content: string }[];
    };
    expect(request.messages.map((m) => `${m.role}:${m.content}`)).toEqual([
      'user:first question',
      `assistant:${expectedText('llama-3.1-8b-instant', 'first question')}`,
      'user:second question',
    ]);
  });

  it('sends a pane’s answer to other panes as context and as a prompt', async () => {
    const result = await h.client.broadcast.create.mutate({ prompt: 'share this', models: THREE });
    await collectEvents(
      h.client,
      { sessionId: result.sessionId },
      finalsFor(result.panes.map((p) => p.messageId)),
    );
    const [source, a, b] = result.panes;

    const asContext = await h.client.panes.sendTo.mutate({
      sourcePaneId: source!.paneId,
      targetPaneIds: [a!.paneId],
      mode: 'context',
    });
    expect(asContext.runs).toEqual([]);
    let session = await h.client.sessions.get.query({ sessionId: result.sessionId });
    const contextMessage = session.panes.find((p) => p.id === a!.paneId)!.messages.at(-1)!;
    expect(contextMessage.role).toBe('context');
    expect(contextMessage.content).toContain(expectedText('gpt-4o-mini', 'share this'));

    const asPrompt = await h.client.panes.sendTo.mutate({
      sourcePaneId: source!.paneId,
      targetPaneIds: [b!.paneId],
      mode: 'prompt',
      text: 'selected words',
    });
    expect(asPrompt.runs).toHaveLength(1);
    const events = await collectEvents(
      h.client,
      { sessionId: result.sessionId },
      finalsFor([asPrompt.runs[0]!.messageId]),
    );
    expect(textOf(events, asPrompt.runs[0]!.messageId)).toBe(
      expectedText('llama-3.1-8b-instant', 'selected words'),
    );
    session = await h.client.sessions.get.query({ sessionId: result.sessionId });
    expect(session.panes.find((p) => p.id === b!.paneId)!.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);

    await expect(
      h.client.panes.sendTo.mutate({
        sourcePaneId: source!.paneId,
        targetPaneIds: [source!.paneId],
      }),
    ).rejects.toThrow(/cannot send to itself/);
  });

  it('summarizes the latest answers into a summary pane that persists', async () => {
    const result = await h.client.broadcast.create.mutate({
      prompt: 'summarize us',
      models: [THREE[0]!, THREE[1]!],
    });
    await collectEvents(
      h.client,
      { sessionId: result.sessionId },
      finalsFor(result.panes.map((p) => p.messageId)),
    );
    upstreams.groq.setScenario('llama-3.1-8b-instant', { text: 'Both answers agree.' });
    const summary = await h.client.summarize.create.mutate({
      sessionId: result.sessionId,
      providerId: 'groq',
      modelId: 'llama-3.1-8b-instant',
    });
    const events = await collectEvents(
      h.client,
      { sessionId: result.sessionId },
      finalsFor([summary.messageId]),
    );
    expect(textOf(events, summary.messageId)).toBe('Both answers agree.');
    const prompt = JSON.stringify(upstreams.groq.requests.at(-1)!.body);
    expect(prompt).toContain(expectedText('gpt-4o-mini', 'summarize us'));
    expect(prompt).toContain(expectedText('gemini-2.0-flash', 'summarize us'));
    const session = await h.client.sessions.get.query({ sessionId: result.sessionId });
    const pane = session.panes.find((p) => p.id === summary.paneId)!;
    expect(pane).toMatchObject({ kind: 'summary', state: 'complete', position: 2 });
  });

  it('replays exactly the missed events when a subscriber resumes with lastEventId mid-stream', async () => {
    const text = 'Resume me exactly once: ' + 'αβγ δεζ 日本語 '.repeat(30);
    upstreams.litellm.setScenario('gpt-4o-mini', { text, tokenDelayMs: 15 });
    const result = await h.client.broadcast.create.mutate({
      prompt: 'resume',
      models: [THREE[0]!],
    });
    const messageId = result.panes[0]!.messageId;
    const firstPart = await collectEvents(
      h.client,
      { sessionId: result.sessionId },
      (ev) => ev.filter((e) => e.event.type === 'token').length >= 5,
    );
    await new Promise((r) => setTimeout(r, 150)); // tokens keep flowing while nobody listens
    const secondPart = await collectEvents(
      h.client,
      { sessionId: result.sessionId, lastEventId: firstPart.at(-1)!.id },
      finalsFor([messageId]),
    );
    const ids = [...firstPart, ...secondPart].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(textOf([...firstPart, ...secondPart], messageId)).toBe(text);
    expect(secondPart[0]!.event.type).toBe('token');
  });

  it('gives a late subscriber the running pane’s text so far, then the rest', async () => {
    const text = 'late '.repeat(60);
    upstreams.litellm.setScenario('gpt-4o-mini', { text, tokenDelayMs: 10 });
    const result = await h.client.broadcast.create.mutate({ prompt: 'late', models: [THREE[0]!] });
    await new Promise((r) => setTimeout(r, 120));
    const events = await collectEvents(
      h.client,
      { sessionId: result.sessionId },
      finalsFor([result.panes[0]!.messageId]),
    );
    expect(events[0]!.event).toMatchObject({ type: 'status', data: { state: 'streaming' } });
    expect(textOf(events, result.panes[0]!.messageId)).toBe(text);
  });
});

describe('sessions', () => {
  it('pages newest first with a stable cursor and finds sessions by title or content', async () => {
    const made: string[] = [];
    for (const word of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) {
      const r = await h.client.broadcast.create.mutate({
        prompt: `pagination ${word}`,
        models: [{ providerId: 'demo', modelId: 'demo-fast' }],
      });
      await collectEvents(h.client, { sessionId: r.sessionId }, finalsFor([r.panes[0]!.messageId]));
      made.push(r.sessionId);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof h.client.sessions.list.query>> =
        await h.client.sessions.list.query({ limit: 2, cursor, search: 'pagination' });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    const found = await h.client.sessions.list.query({ search: 'CHARLIE' });
    expect(found.items.map((s) => s.id)).toEqual([made[2]]);
    const byContent = await h.client.sessions.list.query({ search: 'Simulated' });
    expect(byContent.items.length).toBeGreaterThanOrEqual(5);
  });

  it('renames and deletes with cascade', async () => {
    const r = await h.client.broadcast.create.mutate({
      prompt: 'to delete',
      models: [{ providerId: 'demo', modelId: 'demo-fast' }],
    });
    await collectEvents(h.client, { sessionId: r.sessionId }, finalsFor([r.panes[0]!.messageId]));
    expect(
      (await h.client.sessions.rename.mutate({ sessionId: r.sessionId, title: 'Renamed' })).title,
    ).toBe('Renamed');
    await h.client.sessions.delete.mutate({ sessionId: r.sessionId });
    await expect(h.client.sessions.get.query({ sessionId: r.sessionId })).rejects.toThrow(
      /does not exist/,
    );
    await expect(h.client.panes.retry.mutate({ paneId: r.panes[0]!.paneId })).rejects.toThrow(
      /does not exist/,
    );
  });

  it('ends a subscription to a session deleted meanwhile, saying so', async () => {
    const r = await h.client.broadcast.create.mutate({
      prompt: 'deleted while followed',
      models: [{ providerId: 'demo', modelId: 'demo-fast' }],
    });
    await collectEvents(h.client, { sessionId: r.sessionId }, finalsFor([r.panes[0]!.messageId]));
    const ended = new Promise<unknown>((resolve) => {
      const sub = h.client.sessions.eventBatches.subscribe(
        { sessionId: r.sessionId },
        {
          onData: () => undefined,
          onStarted: () =>
            void h.client.sessions.delete.mutate({ sessionId: r.sessionId }).catch(resolve),
          onError: (error) => {
            sub.unsubscribe();
            resolve(error);
          },
        },
      );
    });
    const error = (await ended) as { message: string; data?: { code?: string } };
    expect(error.data?.code).toBe('NOT_FOUND');
    expect(error.message).toContain('was deleted');
  });

  it('answers bad input with readable field messages and a suggestion, saving nothing', async () => {
    const before = (await h.client.stats.get.query()).sessions;
    const error = await h.client.broadcast.create
      .mutate({ prompt: '  ', models: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const data = (
      error as {
        data?: {
          fieldErrors?: { path: string; message: string }[];
          suggestion?: string;
          code?: string;
        };
      }
    ).data;
    expect(data?.code).toBe('BAD_REQUEST');
    expect(data?.fieldErrors).toEqual(
      expect.arrayContaining([
        { path: 'prompt', message: 'Type a prompt before broadcasting.' },
        { path: 'models', message: 'Pick at least one model.' },
      ]),
    );
    expect(data?.suggestion).toMatch(/Correct the fields/);
    const unknown = await h.client.broadcast.create
      .mutate({ prompt: 'x', models: [{ providerId: 'nope', modelId: 'm' }] })
      .catch((e: unknown) => e);
    expect((unknown as Error).message).toMatch(/nope/);
    const unconfigured = await h.client.broadcast.create
      .mutate({ prompt: 'x', models: [{ providerId: 'anthropic', modelId: 'claude' }] })
      .catch((e: unknown) => e);
    expect((unconfigured as { data?: { code?: string; suggestion?: string } }).data).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    expect((unconfigured as { data?: { suggestion?: string } }).data?.suggestion).toMatch(
      /ANTHROPIC_API_KEY/,
    );
    expect((await h.client.stats.get.query()).sessions).toBe(before);
  });
});

describe('models, health, stats and plain HTTP routes', () => {
  it('lists each provider’s models with its status', async () => {
    const list = await h.client.models.list.query();
    const ids = list.map((p) => p.provider.id);
    expect(ids[0]).toBe('demo');
    expect(ids).toEqual(expect.arrayContaining(['litellm', 'google', 'groq']));
    expect(list.find((p) => p.provider.id === 'google')!.models.map((m) => m.id)).toContain(
      'gemini-2.0-flash',
    );
    expect(list.find((p) => p.provider.id === 'demo')!.models.every((m) => m.simulated)).toBe(true);
    const health = await h.client.providers.health.query();
    expect(health.find((p) => p.id === 'groq')).toMatchObject({
      configured: true,
      state: 'healthy',
    });
    expect(health.find((p) => p.id === 'openai')).toMatchObject({
      configured: false,
      state: 'not_configured',
    });
  });

  it('serves /health, /metrics and stats with the same figures', async () => {
    const health = await fetch(`${h.server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });
    const stats = await h.client.stats.get.query();
    expect(stats.activeConnections).toBeGreaterThanOrEqual(1);
    expect(stats.totals.requests).toBeGreaterThan(0);
    const metrics = await (await fetch(`${h.server.url}/metrics`)).text();
    expect(metrics).toContain(`broadcast_sessions ${stats.sessions}`);
    expect(metrics).toMatch(/broadcast_provider_requests\{provider="groq"\} \d+/);
    const report = await h.client.health.query();
    expect(report.providers.length).toBeGreaterThan(3);
  });
});
