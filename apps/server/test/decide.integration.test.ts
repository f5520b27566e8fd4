import { beforeEach, describe, expect, it } from 'vitest';

import type { OverBudgetDetails } from '@mlb/contracts';

import {
  collectEvents,
  finalsFor,
  liveRun,
  useHarness,
  type Harness,
  type Upstreams,
} from './harness';

/*
 * Budgets, fusions with citations, and export/import over the real server: HTTP and WebSocket,
 * the exported client, fake upstreams shaped after the providers' responses.
 */

const GROQ = { providerId: 'groq', modelId: 'llama-3.1-8b-instant' };
// USD per million tokens: output dear enough that a few cents buy a few dozen tokens.
const PRICES = { 'groq/llama-3.1-8b-instant': { input: 1, output: 1000 } };
const LONG = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

const ctx = useHarness({ MODEL_PRICES: JSON.stringify(PRICES) });
let upstreams: Upstreams;
let h: Harness;

beforeEach(() => {
  upstreams = ctx.upstreams();
  h = ctx.h();
  upstreams.groq.reset();
});

describe('budgets over the wire', () => {
  it('refuses a broadcast whose forecast crosses its budget, with the forecast in the error data', async () => {
    const error = await h.client.broadcast.create
      .mutate({ prompt: 'Dear', models: [GROQ], budgetUsd: 0.0001 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TRPCClientError', data: { code: 'CONFLICT' } });
    const { overBudget, suggestion } = (
      error as { data: { overBudget: OverBudgetDetails; suggestion: string } }
    ).data;
    expect(suggestion).toContain('confirmOverBudget');
    expect(overBudget.forecast.models[0]).toMatchObject({
      ...GROQ,
      inputPricePerMTok: 1,
      outputPricePerMTok: 1000,
      maxOutputTokens: 4096,
    });
    expect(overBudget.forecast.budgets).toEqual([
      { scope: 'broadcast', limitUsd: 0.0001, spentUsd: 0, remainingUsd: 0.0001, exceeded: true },
    ]);
  });

  it('stops an answer at its budget: final reason budget, its text so far kept and saved', async () => {
    upstreams.groq.setScenario(GROQ.modelId, { text: LONG, chunkSize: 6, tokenDelayMs: 3 });
    const { result, events } = await liveRun(
      h.client,
      (sessionId) =>
        h.client.broadcast.create.mutate({
          sessionId,
          prompt: 'Count',
          models: [GROQ],
          // About 20 output tokens at $1000 per million, after an input of a few dozen at $1.
          budgetUsd: 0.02,
          confirmOverBudget: true,
        }),
      (r) => finalsFor(r.panes.map((p) => p.messageId)),
    );
    const messageId = result.panes[0]!.messageId;
    const final = events.find(
      (e) => e.event.type === 'final' && e.event.messageId === messageId,
    )!.event;
    expect(final.type === 'final' && final.data.reason).toBe('budget');
    const content = final.type === 'final' ? final.data.content : '';
    expect(content.length).toBeGreaterThan(0);
    expect(LONG.startsWith(content)).toBe(true);
    expect(content.length).toBeLessThan(LONG.length);
    expect(
      events.some(
        (e) =>
          e.event.type === 'status' &&
          e.event.messageId === messageId &&
          e.event.data.state === 'stopped',
      ),
    ).toBe(true);
    await expect
      .poll(async () => {
        const session = await h.client.sessions.get.query({ sessionId: result.sessionId });
        return session.panes.flatMap((p) => p.messages).find((m) => m.id === messageId);
      })
      .toMatchObject({
        status: 'stopped',
        endReason: 'budget',
        content,
        metrics: { estimated: true },
      });
  });
});

describe('a fusion over the wire', () => {
  it('announces the fused answer’s citations with its final event and saves them', async () => {
    const first = await h.client.broadcast.create.mutate({
      prompt: 'Two views',
      models: [GROQ, { providerId: 'demo', modelId: 'demo-fast' }],
    });
    await collectEvents(
      h.client,
      { sessionId: first.sessionId },
      finalsFor(first.panes.map((p) => p.messageId)),
    );
    upstreams.groq.setScenario(GROQ.modelId, { text: 'Agreed. [A, B]\n\nOnly one says this. [B]' });
    const fusion = await h.client.fuse.create.mutate({
      sessionId: first.sessionId,
      template: 'fuse',
      providerId: GROQ.providerId,
      modelId: GROQ.modelId,
    });
    const events = await collectEvents(
      h.client,
      { sessionId: first.sessionId, lastEventId: fusion.lastEventId },
      finalsFor([fusion.messageId]),
    );
    const final = events.find(
      (e) => e.event.type === 'final' && e.event.messageId === fusion.messageId,
    )!.event;
    const [a, b] = first.panes;
    const ref = (p: typeof a) => ({ paneId: p!.paneId, messageId: p!.messageId });
    const citations = [
      { paragraph: 0, start: 0, end: 14, labels: ['A', 'B'], sources: [ref(a), ref(b)] },
      { paragraph: 1, start: 16, end: 39, labels: ['B'], sources: [ref(b)] },
    ];
    expect(final.type === 'final' && final.data.citations).toEqual(citations);
    await expect
      .poll(async () => {
        const session = await h.client.sessions.get.query({ sessionId: first.sessionId });
        return session.panes.flatMap((p) => p.messages).find((m) => m.id === fusion.messageId)
          ?.citations;
      })
      .toEqual(citations);
  });
});

describe('export and import over the wire', () => {
  it('imports a JSON export as a new session with the same content', async () => {
    const first = await h.client.broadcast.create.mutate({
      prompt: 'Keep me',
      models: [{ providerId: 'demo', modelId: 'demo-fast' }],
    });
    await collectEvents(
      h.client,
      { sessionId: first.sessionId },
      finalsFor([first.panes[0]!.messageId]),
    );
    await expect
      .poll(
        async () =>
          (await h.client.sessions.get.query({ sessionId: first.sessionId })).panes[0]!.state,
      )
      .toBe('complete');
    const file = await h.client.sessions.export.query({
      sessionId: first.sessionId,
      format: 'json',
    });
    const imported = await h.client.sessions.import.mutate({ json: file.content });
    const [original, copy] = await Promise.all(
      [first.sessionId, imported.id].map((sessionId) => h.client.sessions.get.query({ sessionId })),
    );
    expect(copy!.title).toBe('Keep me');
    expect(copy!.panes[0]!.messages.map((m) => [m.role, m.content, m.status])).toEqual(
      original!.panes[0]!.messages.map((m) => [m.role, m.content, m.status]),
    );
  });
});
