import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from './create-db';
import { migrateDatabase } from './migrate';
import { postgresAvailable, testDatabase, type TestDatabase } from './test-databases';

const pgUp = await postgresAvailable();

describe.each([
  { provider: 'sqlite' as const, run: true },
  { provider: 'postgresql' as const, run: pgUp },
])('data layer on $provider', ({ provider, run }) => {
  let target: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    if (!run) return;
    target = await testDatabase(provider);
    db = await createDb({ url: target.url });
  });
  afterAll(async () => {
    if (!run) return;
    await db.close();
    await target.drop();
  });

  it.skipIf(!run)('stores a session with panes, a thread in order, and metrics', async () => {
    const session = await db.sessions.create({ title: 'Sorting algorithms' });
    const a = await db.panes.create({ sessionId: session.id, providerId: 'groq', modelId: 'llama', kind: 'chat', params: { temperature: 0.2 }, systemPrompt: 'Be brief' });
    const b = await db.panes.create({ sessionId: session.id, providerId: 'demo', modelId: 'demo-fast', kind: 'chat', params: {}, systemPrompt: null });
    expect([a.position, b.position]).toEqual([0, 1]);
    expect(b.simulated).toBe(true);
    const broadcast = await db.broadcasts.create({ sessionId: session.id, prompt: 'Compare quicksort and mergesort', kind: 'broadcast' });
    await db.messages.append({ paneId: a.id, broadcastId: broadcast.id, role: 'user', content: 'Compare quicksort and mergesort', status: 'complete' });
    const answer = await db.messages.append({ paneId: a.id, broadcastId: broadcast.id, role: 'assistant', content: '', status: 'streaming' });
    await db.messages.updateContent(answer.id, 'Quick');
    const finished = await db.messages.finish(answer.id, {
      content: 'Quicksort is fast',
      status: 'complete',
      finishReason: 'stop',
      error: null,
      metrics: { providerId: 'groq', modelId: 'llama', inputTokens: 10, outputTokens: 4, cachedTokens: 0, cost: 0.0002, ttftMs: 12, latencyMs: 40, tokensPerSecond: 100, retries: 1 },
    });
    expect(finished.metrics).toMatchObject({ outputTokens: 4, retries: 1, cost: 0.0002 });
    const failed = await db.messages.append({ paneId: b.id, broadcastId: broadcast.id, role: 'assistant', content: '', status: 'streaming' });
    await db.messages.finish(failed.id, {
      content: 'part',
      status: 'error',
      finishReason: 'error',
      error: { kind: 'rate_limit', message: 'Slow down', suggestion: 'Wait', retryable: true, status: 429 },
      metrics: { providerId: 'demo', modelId: 'demo-fast', inputTokens: 3, outputTokens: 1, cachedTokens: 0, cost: null, ttftMs: null, latencyMs: 5, tokensPerSecond: null, retries: 0 },
    });

    const detail = (await db.sessions.get(session.id))!;
    expect(detail.panes.map((p) => p.state)).toEqual(['complete', 'error']);
    expect(detail.panes[0]!.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(detail.panes[0]!.params).toEqual({ temperature: 0.2 });
    expect(detail.panes[1]!.messages[0]!.error).toMatchObject({ kind: 'rate_limit', status: 429 });
    expect(detail.totals).toEqual({ answers: 2, inputTokens: 13, outputTokens: 5, cost: 0.0002 });
    expect(await db.metrics.sessionTotals(session.id)).toEqual(detail.totals);
    expect(await db.metrics.byProvider()).toEqual(
      expect.arrayContaining([expect.objectContaining({ providerId: 'demo', answers: 1, errors: 1 }), expect.objectContaining({ providerId: 'groq', answers: 1, errors: 0, outputTokens: 4 })]),
    );
    expect((await db.messages.latestAssistant(a.id))!.content).toBe('Quicksort is fast');
  });

  it.skipIf(!run)('gives concurrent appends distinct, ordered positions', async () => {
    const session = await db.sessions.create({ title: 'race' });
    const pane = await db.panes.create({ sessionId: session.id, providerId: 'demo', modelId: 'm', kind: 'chat', params: {}, systemPrompt: null });
    await Promise.all(Array.from({ length: 8 }, (_, i) => db.messages.append({ paneId: pane.id, broadcastId: null, role: 'context', content: `c${i}`, status: 'complete' })));
    const thread = await db.messages.thread(pane.id);
    expect(thread).toHaveLength(8);
    expect(new Set(thread.map((m) => m.content)).size).toBe(8);
  });

  it.skipIf(!run)('lists newest first with a stable cursor and case-insensitive search on title and content', async () => {
    const ids: string[] = [];
    for (const title of ['Zebra facts', 'zeppelin history', 'Unrelated']) {
      const s = await db.sessions.create({ title });
      ids.push(s.id);
      await new Promise((r) => setTimeout(r, 5));
    }
    const pane = await db.panes.create({ sessionId: ids[2]!, providerId: 'demo', modelId: 'm', kind: 'chat', params: {}, systemPrompt: null });
    await db.messages.append({ paneId: pane.id, broadcastId: null, role: 'user', content: 'Tell me about ZEBRAS', status: 'complete' });
    await db.sessions.touch(ids[0]!);

    const found = await db.sessions.list({ limit: 10, search: 'zebra' });
    expect(found.items.map((s) => s.title).sort()).toEqual(['Unrelated', 'Zebra facts']);
    const first = await db.sessions.list({ limit: 2 });
    expect(first.items[0]!.id).toBe(ids[0]);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Db['sessions']['list']>> = await db.sessions.list({ limit: 2, cursor });
      all.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(ids));
  });

  it.skipIf(!run)('renames, deletes with cascade, and marks left-over streaming answers interrupted', async () => {
    const s = await db.sessions.create({ title: 'old' });
    expect((await db.sessions.rename(s.id, 'new'))!.title).toBe('new');
    expect(await db.sessions.rename('missing', 'x')).toBeNull();
    const pane = await db.panes.create({ sessionId: s.id, providerId: 'demo', modelId: 'm', kind: 'chat', params: {}, systemPrompt: null });
    const m = await db.messages.append({ paneId: pane.id, broadcastId: null, role: 'assistant', content: 'half', status: 'streaming' });
    expect(await db.messages.markInterrupted()).toBeGreaterThanOrEqual(1);
    expect(await db.messages.get(m.id)).toMatchObject({ status: 'interrupted', content: 'half' });
    expect(await db.sessions.delete(s.id)).toBe(true);
    expect(await db.panes.get(pane.id)).toBeNull();
    expect(await db.messages.get(m.id)).toBeNull();
    expect(await db.sessions.delete(s.id)).toBe(false);
  });

  it.skipIf(!run)('migrates idempotently and safely from concurrent starts, keeping data across reopen', async () => {
    const s = await db.sessions.create({ title: 'kept' });
    const results = await Promise.all([migrateDatabase(target.url), migrateDatabase(target.url), migrateDatabase(target.url)]);
    expect(results.every((r) => r.applied.length === 0)).toBe(true);
    const reopened = await createDb({ url: target.url });
    expect((await reopened.sessions.get(s.id))!.title).toBe('kept');
    await reopened.close();
  });
});
