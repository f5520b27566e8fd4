import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AnswerMetrics } from '@mlb/contracts';

import { createDb } from './create-db';
import { parseDatabaseUrl } from './database-url';
import type { Db, FinishedAnswer } from './db';
import { providersUnderTest, rawExec, testDatabase, type TestDatabase } from './test-databases';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const metrics = (over: Partial<AnswerMetrics> = {}): AnswerMetrics => ({
  inputTokens: 10,
  outputTokens: 4,
  cachedTokens: 0,
  cost: 0.0002,
  ttftMs: 12,
  latencyMs: 40,
  tokensPerSecond: 100,
  retries: 0,
  estimated: false,
  ...over,
});

const complete = (
  content: string,
  providerId: string,
  modelId: string,
  over: Partial<AnswerMetrics> = {},
): FinishedAnswer => ({
  content,
  status: 'complete',
  endReason: 'done',
  finishReason: 'stop',
  error: null,
  metrics: { ...metrics(over), providerId, modelId },
});

for (const { provider, enabled } of await providersUnderTest()) {
  describe.skipIf(!enabled)(`repositories on ${provider}`, () => {
    let target: TestDatabase;
    let db: Db;

    beforeAll(async () => {
      target = testDatabase(provider);
      db = await createDb({ url: target.url });
    });
    afterAll(async () => {
      await db.close();
      await target.drop();
    });

    const newPane = (sessionId: string, providerId = 'demo', modelId = 'demo-fast') =>
      db.panes.create({
        sessionId,
        providerId,
        modelId,
        kind: 'chat',
        params: {},
        systemPrompt: null,
      });

    it('reports its provider and answers ping', async () => {
      expect(db.provider).toBe(provider);
      expect(await db.ping()).toBe(true);
    });

    it('creates a session and reads it back empty', async () => {
      const created = await db.sessions.create({ title: 'Sorting algorithms' });
      expect(created).toMatchObject({ title: 'Sorting algorithms', paneCount: 0 });
      expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
      const detail = await db.sessions.get(created.id);
      expect(detail).toEqual({
        ...created,
        panes: [],
        totals: { answers: 0, inputTokens: 0, outputTokens: 0, cost: 0 },
        budgetUsd: null,
      });
      expect(await db.sessions.get('no-such-session')).toBeNull();
      expect(await db.sessions.threads(created.id)).toEqual({
        title: 'Sorting algorithms',
        budgetUsd: null,
        panes: [],
      });
      expect(await db.sessions.latestAnswers(created.id)).toEqual([]);
      expect(await db.sessions.latestAnswers('no-such-session')).toBeNull();
    });

    it('creates panes at the next positions with parsed params, even concurrently', async () => {
      const session = await db.sessions.create({ title: 'panes' });
      const first = await db.panes.create({
        sessionId: session.id,
        providerId: 'groq',
        modelId: 'llama',
        kind: 'chat',
        params: { temperature: 0.2, maxTokens: 300 },
        systemPrompt: 'Be brief',
      });
      expect(first).toMatchObject({
        position: 0,
        simulated: false,
        params: { temperature: 0.2, maxTokens: 300 },
        systemPrompt: 'Be brief',
        kind: 'chat',
      });
      const summary = await db.panes.create({
        sessionId: session.id,
        providerId: 'demo',
        modelId: 'demo-fast',
        kind: 'summary',
        params: {},
        systemPrompt: null,
      });
      expect(summary).toMatchObject({ position: 1, simulated: true, kind: 'summary', params: {} });
      await Promise.all(Array.from({ length: 6 }, () => newPane(session.id)));
      const panes = await db.panes.listBySession(session.id);
      expect(panes.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(await db.panes.get(first.id)).toEqual(first);
      expect(await db.panes.get('missing')).toBeNull();
      expect((await db.sessions.get(session.id))!.paneCount).toBe(8);
    });

    it('appends messages in seq order, also when appends race', async () => {
      const session = await db.sessions.create({ title: 'thread' });
      const pane = await newPane(session.id);
      const broadcast = await db.broadcasts.create({
        sessionId: session.id,
        prompt: 'hello',
        kind: 'broadcast',
      });
      expect(broadcast).toMatchObject({ sessionId: session.id });
      const user = await db.messages.append({
        paneId: pane.id,
        broadcastId: broadcast.id,
        role: 'user',
        content: 'hello',
        status: 'complete',
      });
      expect(user).toMatchObject({
        role: 'user',
        status: 'complete',
        broadcastId: broadcast.id,
        error: null,
        metrics: null,
        finishReason: null,
      });
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          db.messages.append({
            paneId: pane.id,
            broadcastId: null,
            role: 'context',
            content: `c${i}`,
            status: 'complete',
          }),
        ),
      );
      const thread = await db.messages.thread(pane.id);
      expect(thread).toHaveLength(11);
      expect(thread[0]!.id).toBe(user.id);
      expect(new Set(thread.map((m) => m.content)).size).toBe(11);
      expect(await db.messages.get(user.id)).toEqual(user);
      expect(await db.messages.get('missing')).toBeNull();
    });

    it('saves many streaming answers in one call, each its own text, and leaves finished and unknown ones alone', async () => {
      const session = await db.sessions.create({ title: 'batch' });
      const pane = await newPane(session.id);
      const streaming = [];
      for (let i = 0; i < 3; i += 1)
        streaming.push(
          await db.messages.append({
            paneId: pane.id,
            broadcastId: null,
            role: 'assistant',
            content: '',
            status: 'streaming',
          }),
        );
      const done = await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'assistant',
        content: 'final',
        status: 'complete',
      });
      const before = (await db.messages.get(streaming[0]!.id))!.updatedAt;
      await sleep(5);
      // Quotes, a CASE-looking text and non-ASCII must arrive as they are: values are parameters.
      const texts = ["it's", 'END WHEN 1 THEN 2', 'ünï 🎉'];
      await db.messages.updateContents([
        ...streaming.map((m, i) => ({ id: m.id, content: texts[i]! })),
        { id: done.id, content: 'overwritten?' },
        { id: 'missing', content: 'nowhere' },
      ]);
      for (const [i, m] of streaming.entries())
        expect((await db.messages.get(m.id))!.content).toBe(texts[i]);
      expect((await db.messages.get(streaming[0]!.id))!.updatedAt > before).toBe(true);
      expect((await db.messages.get(done.id))!.content).toBe('final');
      await db.messages.updateContents([]);
      // More rows than one statement takes are split, none lost.
      const many = [];
      for (let i = 0; i < 520; i += 1)
        many.push(
          await db.messages.append({
            paneId: pane.id,
            broadcastId: null,
            role: 'assistant',
            content: '',
            status: 'streaming',
          }),
        );
      await db.messages.updateContents(many.map((m, i) => ({ id: m.id, content: `text ${i}` })));
      expect(
        (await db.messages.thread(pane.id))
          .filter((m) => m.content.startsWith('text '))
          .map((m) => m.content),
      ).toEqual(many.map((_, i) => `text ${i}`));
    });

    it('streams, finishes with metrics in one step, and derives pane state and totals', async () => {
      const session = await db.sessions.create({ title: 'answers' });
      const groq = await db.panes.create({
        sessionId: session.id,
        providerId: 'groq',
        modelId: 'llama',
        kind: 'chat',
        params: { temperature: 0.2 },
        systemPrompt: null,
      });
      const demo = await newPane(session.id);
      const idle = await newPane(session.id);
      const before = (await db.sessions.get(session.id))!.updatedAt;
      await sleep(5);

      await db.messages.append({
        paneId: groq.id,
        broadcastId: null,
        role: 'user',
        content: 'Compare sorts',
        status: 'complete',
      });
      const answer = await db.messages.append({
        paneId: groq.id,
        broadcastId: null,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      await db.messages.updateContents([{ id: answer.id, content: 'Quick' }]);
      expect((await db.messages.get(answer.id))!.content).toBe('Quick');
      expect((await db.sessions.get(session.id))!.panes[0]!.state).toBe('streaming');
      expect(await db.messages.latestAssistant(groq.id)).toMatchObject({
        id: answer.id,
        content: 'Quick',
      });

      await db.messages.finish(
        answer.id,
        complete('Quicksort is fast', 'groq', 'llama', { latencyMs: 40.6, retries: 1 }),
      );
      const finished = (await db.messages.get(answer.id))!;
      expect(finished).toMatchObject({
        status: 'complete',
        content: 'Quicksort is fast',
        finishReason: 'stop',
        error: null,
      });
      expect(finished.metrics).toEqual(metrics({ latencyMs: 41, retries: 1 }));
      // A partial save that arrives after the end must not overwrite the final text.
      await db.messages.updateContents([{ id: answer.id, content: 'Quick' }]);
      expect((await db.messages.get(answer.id))!.content).toBe('Quicksort is fast');

      const failed = await db.messages.append({
        paneId: demo.id,
        broadcastId: null,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      const error = {
        kind: 'rate_limit' as const,
        message: 'Slow down',
        suggestion: 'Wait a minute',
        retryable: true,
        status: 429,
      };
      await db.messages.finish(failed.id, {
        content: 'part',
        status: 'error',
        endReason: 'error',
        finishReason: 'error',
        error,
        metrics: {
          ...metrics({
            inputTokens: 3,
            outputTokens: 1,
            cost: null,
            ttftMs: null,
            tokensPerSecond: null,
          }),
          providerId: 'demo',
          modelId: 'demo-fast',
        },
      });
      expect((await db.messages.get(failed.id))!.error).toEqual(error);

      const detail = (await db.sessions.get(session.id))!;
      // The lighter read for a new answer carries the same messages, errors included (no metrics).
      expect((await db.sessions.threads(session.id))!.panes).toEqual(
        detail.panes.map(({ messages, state: _s, totals: _t, ...pane }) => ({
          pane,
          messages: messages.map((m) => ({ ...m, metrics: null })),
        })),
      );
      // A snapshot's read: each pane's latest answer as `get` has it, metrics included.
      const latest = detail.panes.map((p) => ({
        paneId: p.id,
        latest: p.messages.findLast((m) => m.role === 'assistant') ?? null,
      }));
      expect(latest.map((p) => p.latest?.metrics ?? null).filter(Boolean)).toHaveLength(2);
      expect(await db.sessions.latestAnswers(session.id)).toEqual(latest);
      expect(detail.updatedAt > before).toBe(true);
      expect(detail.panes.map((p) => [p.id, p.state])).toEqual([
        [groq.id, 'complete'],
        [demo.id, 'error'],
        [idle.id, 'idle'],
      ]);
      expect(detail.panes[0]!.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(detail.panes[0]!.params).toEqual({ temperature: 0.2 });
      expect(detail.panes[0]!.totals).toEqual({
        answers: 1,
        inputTokens: 10,
        outputTokens: 4,
        cost: 0.0002,
      });
      expect(detail.panes[1]!.messages[0]!).toMatchObject({
        content: 'part',
        status: 'error',
        error,
      });
      expect(detail.totals).toEqual({ answers: 2, inputTokens: 13, outputTokens: 5, cost: 0.0002 });
      expect(await db.metrics.sessionTotals(session.id)).toEqual(detail.totals);
      expect(await db.metrics.sessionTotals('missing')).toEqual({
        answers: 0,
        inputTokens: 0,
        outputTokens: 0,
        cost: 0,
      });

      await expect(
        db.messages.finish('missing', complete('x', 'demo', 'demo-fast')),
      ).rejects.toThrow(/missing.*does not exist/);
    });

    it('finds the latest assistant answer with content', async () => {
      const session = await db.sessions.create({ title: 'latest' });
      const pane = await newPane(session.id);
      expect(await db.messages.latestAssistant(pane.id)).toBeNull();
      const first = await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'assistant',
        content: 'first answer',
        status: 'complete',
      });
      await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'user',
        content: 'again',
        status: 'complete',
      });
      await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'assistant',
        content: '',
        status: 'error',
      });
      expect((await db.messages.latestAssistant(pane.id))!.id).toBe(first.id);
    });

    it('marks left-over streaming messages interrupted, keeping their content', async () => {
      const session = await db.sessions.create({ title: 'crash' });
      const pane = await newPane(session.id);
      const a = await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'assistant',
        content: 'half an ans',
        status: 'streaming',
      });
      const done = await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'assistant',
        content: 'done',
        status: 'complete',
      });
      // Owners: "alive" beats now; "dead" beat long ago; `a` has no owner (written by an old version).
      await db.instances.heartbeat({ id: 'alive', pid: 1, hostname: 'h' });
      const mine = await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'assistant',
        content: 'still streaming here',
        status: 'streaming',
        ownerId: 'self',
      });
      const theirs = await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'assistant',
        content: 'still streaming there',
        status: 'streaming',
        ownerId: 'alive',
      });
      const orphan = await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'assistant',
        content: 'its process died',
        status: 'streaming',
        ownerId: 'dead',
      });
      const streaming = await db.messages.streaming({ paneId: pane.id });
      expect(streaming).toEqual(
        expect.arrayContaining([
          { messageId: mine.id, paneId: pane.id, ownerId: 'self' },
          { messageId: theirs.id, paneId: pane.id, ownerId: 'alive' },
          { messageId: a.id, paneId: pane.id, ownerId: null },
        ]),
      );
      expect(await db.messages.streaming({ sessionId: session.id })).toHaveLength(streaming.length);
      const reaped = await db.instances.reap({
        self: 'self',
        aliveSince: new Date(Date.now() - 60_000),
      });
      // Other tests share this database: look only at this test's answers.
      const ids = reaped.map((r) => r.messageId);
      expect(ids).toEqual(expect.arrayContaining([a.id, orphan.id]));
      expect(ids).not.toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
      expect(reaped.find((r) => r.messageId === a.id)).toMatchObject({
        paneId: pane.id,
        sessionId: session.id,
        content: 'half an ans',
      });
      expect(await db.messages.get(a.id)).toMatchObject({
        status: 'interrupted',
        endReason: 'interrupted',
        content: 'half an ans',
      });
      expect(await db.messages.get(orphan.id)).toMatchObject({ status: 'interrupted' });
      expect(await db.messages.get(mine.id)).toMatchObject({ status: 'streaming' });
      expect(await db.messages.get(theirs.id)).toMatchObject({ status: 'streaming' });
      expect(await db.messages.get(done.id)).toMatchObject({ status: 'complete' });
      expect(
        await db.instances.reap({ self: 'self', aliveSince: new Date(Date.now() - 60_000) }),
      ).toEqual([]);
      // Once "alive" stops beating, its answer is ended too, and its row forgotten.
      const later = await db.instances.reap({
        self: 'self',
        aliveSince: new Date(Date.now() + 1000),
      });
      expect(later.map((r) => r.messageId)).toEqual([theirs.id]);
      expect(await db.instances.alive(new Date(0))).toEqual([]);
      await db.messages.finish(mine.id, complete('done here', 'demo', 'demo-fast'));
      expect(await db.messages.get(mine.id)).toMatchObject({
        status: 'complete',
        endReason: 'done',
      });
    });

    it('renames, touches and deletes with cascade', async () => {
      const s = await db.sessions.create({ title: 'old' });
      const renamed = (await db.sessions.rename(s.id, 'new'))!;
      expect(renamed).toMatchObject({ id: s.id, title: 'new' });
      expect(await db.sessions.rename('missing', 'x')).toBeNull();
      await sleep(5);
      await db.sessions.touch(s.id);
      expect((await db.sessions.get(s.id))!.updatedAt > renamed.updatedAt).toBe(true);
      await db.sessions.touch('missing');

      const pane = await newPane(s.id);
      const broadcast = await db.broadcasts.create({
        sessionId: s.id,
        prompt: 'p',
        kind: 'send_to',
      });
      const m = await db.messages.append({
        paneId: pane.id,
        broadcastId: broadcast.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      await db.messages.finish(m.id, complete('answer', 'demo', 'demo-fast'));
      const countBefore = await db.sessions.count();
      expect(await db.sessions.delete(s.id)).toBe(true);
      expect(await db.sessions.count()).toBe(countBefore - 1);
      expect(await db.sessions.get(s.id)).toBeNull();
      expect(await db.panes.get(pane.id)).toBeNull();
      expect(await db.messages.get(m.id)).toBeNull();
      expect(await db.metrics.sessionTotals(s.id)).toEqual({
        answers: 0,
        inputTokens: 0,
        outputTokens: 0,
        cost: 0,
      });
      expect(await db.sessions.delete(s.id)).toBe(false);
    });

    it('lists newest first with a stable cursor and searches titles and messages ignoring case', async () => {
      const tag = `q${Math.random().toString(36).slice(2, 8)}`;
      const titles = [
        `${tag} Zebra facts`,
        `${tag} zeppelin history`,
        `${tag} unrelated`,
        `${tag} MIXED case ZEBRA`,
        `${tag} other`,
      ];
      const ids: string[] = [];
      for (const title of titles) {
        ids.push((await db.sessions.create({ title })).id);
        await sleep(3);
      }
      const pane = await newPane(ids[2]!);
      await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'user',
        content: 'Tell me about zEbRaS please',
        status: 'complete',
      });
      await sleep(3);
      await db.sessions.touch(ids[0]!);

      const found = await db.sessions.list({ limit: 10, search: 'zebra' });
      const mine = found.items.filter((s) => s.title.startsWith(tag));
      expect(mine.map((s) => s.id)).toEqual([ids[0], ids[3], ids[2]]);
      expect((await db.sessions.list({ limit: 10, search: tag.toUpperCase() })).items).toHaveLength(
        5,
      );
      expect(
        (await db.sessions.list({ limit: 10, search: `${tag} ZEPPELIN` })).items.map((s) => s.id),
      ).toEqual([ids[1]]);
      expect(
        (await db.sessions.list({ limit: 10, search: 'no such text anywhere 42' })).items,
      ).toEqual([]);
      // LIKE wildcards in the search are literal.
      expect((await db.sessions.list({ limit: 10, search: `${tag}%` })).items).toEqual([]);

      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Db['sessions']['list']>> = await db.sessions.list({
          limit: 2,
          cursor,
          search: tag,
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        pages.push(page.items.map((s) => s.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages.flat()).toEqual([ids[0], ids[4], ids[3], ids[2], ids[1]]);
      expect(pages.at(-1)!.length).toBeGreaterThan(0);

      const all = await db.sessions.list({ limit: 1000 });
      const times = all.items.map((s) => s.updatedAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(all.nextCursor).toBeNull();
      expect(all.items.length).toBe(await db.sessions.count());
      // An unreadable cursor starts from the top rather than failing.
      expect((await db.sessions.list({ limit: 1, cursor: 'garbage' })).items[0]!.id).toBe(
        all.items[0]!.id,
      );
    });

    it('searches for LIKE wildcards and quotes literally', async () => {
      const tag = `w${Math.random().toString(36).slice(2, 8)}`;
      const literal = await db.sessions.create({ title: `${tag} 100% snake_case O'Brien \\path` });
      await db.sessions.create({ title: `${tag} 1000 snakeXcase OBrien path` });
      for (const search of ['100%', 'snake_case', "O'Brien", '\\path']) {
        expect(
          (await db.sessions.list({ limit: 10, search })).items
            .filter((s) => s.title.startsWith(tag))
            .map((s) => s.id),
        ).toEqual([literal.id]);
      }
    });

    it('pages through sessions that share an updatedAt without skipping or repeating', async () => {
      const tag = `tie${Math.random().toString(36).slice(2, 8)}`;
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1)
        ids.push((await db.sessions.create({ title: `${tag}-${i}` })).id);
      await rawExec(
        target.url,
        `UPDATE "Session" SET "updatedAt" = (SELECT "updatedAt" FROM "Session" WHERE "id" = '${ids[0]!}') WHERE "title" LIKE '${tag}-%'`,
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Db['sessions']['list']>> = await db.sessions.list({
          limit: 2,
          cursor,
          search: tag,
        });
        seen.push(...page.items.map((s) => s.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].sort().reverse());
    });

    it('sums usage by provider, counting failed answers with and without metrics', async () => {
      const session = await db.sessions.create({ title: 'stats' });
      const a = await db.panes.create({
        sessionId: session.id,
        providerId: 'statsA',
        modelId: 'm1',
        kind: 'chat',
        params: {},
        systemPrompt: null,
      });
      const b = await db.panes.create({
        sessionId: session.id,
        providerId: 'statsB',
        modelId: 'm2',
        kind: 'chat',
        params: {},
        systemPrompt: null,
      });
      for (const latencyMs of [100, 200]) {
        const m = await db.messages.append({
          paneId: a.id,
          broadcastId: null,
          role: 'assistant',
          content: '',
          status: 'streaming',
        });
        await db.messages.finish(
          m.id,
          complete('ok', 'statsA', 'm1', {
            latencyMs,
            ttftMs: latencyMs / 2,
            cost: 0.5,
            inputTokens: 1,
            outputTokens: 2,
          }),
        );
      }
      const withMetrics = await db.messages.append({
        paneId: a.id,
        broadcastId: null,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      const error = {
        kind: 'timeout' as const,
        message: 'Too slow',
        suggestion: 'Retry',
        retryable: true,
      };
      await db.messages.finish(withMetrics.id, {
        content: '',
        status: 'error',
        endReason: 'error',
        finishReason: 'error',
        error,
        metrics: {
          ...metrics({ latencyMs: 300, ttftMs: null, cost: null, inputTokens: 1, outputTokens: 0 }),
          providerId: 'statsA',
          modelId: 'm1',
        },
      });
      const noMetrics = await db.messages.append({
        paneId: b.id,
        broadcastId: null,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      await db.messages.finish(noMetrics.id, {
        content: '',
        status: 'error',
        endReason: 'error',
        finishReason: 'error',
        error: { ...error, kind: 'authentication', retryable: false },
        metrics: null,
      });

      const rows = (await db.metrics.byProvider()).filter((r) => r.providerId.startsWith('stats'));
      expect(rows).toEqual([
        {
          providerId: 'statsA',
          answers: 3,
          errors: 1,
          inputTokens: 3,
          outputTokens: 4,
          cost: 1,
          latencyMsAvg: 200,
          ttftMsAvg: 75,
        },
        {
          providerId: 'statsB',
          answers: 0,
          errors: 1,
          inputTokens: 0,
          outputTokens: 0,
          cost: 0,
          latencyMsAvg: null,
          ttftMsAvg: null,
        },
      ]);
      expect((await db.messages.get(noMetrics.id))!.error).toEqual({
        kind: 'authentication',
        message: 'Too slow',
        suggestion: 'Retry',
        retryable: false,
      });
    });

    it('launches a broadcast in one atomic write: new session, new panes, messages numbered after the thread', async () => {
      const at = new Date('2026-11-25T10:00:00.000Z');
      const sessionId = `launch-${provider}-${Date.now()}`;
      const pane = {
        sessionId,
        providerId: 'demo',
        modelId: 'demo-fast',
        kind: 'chat' as const,
        params: { temperature: 0.2 },
        systemPrompt: 'be brief',
        createdAt: at,
      };
      const first = {
        id: `${sessionId}-b1`,
        prompt: 'hello',
        kind: 'broadcast' as const,
        createdAt: at,
      };
      await db.broadcasts.launch({
        session: { id: sessionId, title: 'hello', isNew: true },
        panes: [
          { ...pane, id: `${sessionId}-p0`, position: 0 },
          { ...pane, id: `${sessionId}-p1`, position: 1, modelId: 'demo-slow' },
        ],
        broadcast: first,
        messages: [0, 1].flatMap((i) => [
          {
            id: `${sessionId}-u${i}`,
            paneId: `${sessionId}-p${i}`,
            broadcastId: first.id,
            role: 'user' as const,
            content: 'hello',
            status: 'complete' as const,
            createdAt: at,
          },
          {
            id: `${sessionId}-a${i}`,
            paneId: `${sessionId}-p${i}`,
            broadcastId: first.id,
            role: 'assistant' as const,
            content: '',
            status: 'streaming' as const,
            createdAt: at,
          },
        ]),
      });
      // A follow-up on an existing pane continues its seq after messages appended the usual way.
      await db.messages.append({
        paneId: `${sessionId}-p0`,
        broadcastId: null,
        role: 'context',
        content: 'ctx',
        status: 'complete',
      });
      const second = {
        id: `${sessionId}-b2`,
        prompt: 'again',
        kind: 'broadcast' as const,
        createdAt: at,
      };
      await db.broadcasts.launch({
        session: { id: sessionId, title: 'ignored', isNew: false },
        panes: [],
        broadcast: second,
        messages: [
          {
            id: `${sessionId}-u2`,
            paneId: `${sessionId}-p0`,
            broadcastId: second.id,
            role: 'user',
            content: 'again',
            status: 'complete',
            createdAt: at,
          },
          {
            id: `${sessionId}-a2`,
            paneId: `${sessionId}-p0`,
            broadcastId: second.id,
            role: 'assistant',
            content: '',
            status: 'streaming',
            createdAt: at,
          },
        ],
      });
      const detail = (await db.sessions.get(sessionId))!;
      expect(detail.title).toBe('hello');
      expect(
        detail.panes.map((p) => [p.id, p.position, p.modelId, p.params, p.systemPrompt]),
      ).toEqual([
        [`${sessionId}-p0`, 0, 'demo-fast', { temperature: 0.2 }, 'be brief'],
        [`${sessionId}-p1`, 1, 'demo-slow', { temperature: 0.2 }, 'be brief'],
      ]);
      expect(detail.panes[0]!.messages.map((m) => [m.role, m.content, m.status])).toEqual([
        ['user', 'hello', 'complete'],
        ['assistant', '', 'streaming'],
        ['context', 'ctx', 'complete'],
        ['user', 'again', 'complete'],
        ['assistant', '', 'streaming'],
      ]);
      expect(detail.panes[0]!.messages[0]!.createdAt).toBe(at.toISOString());
      // The lighter read a new answer starts from holds the same panes and threads.
      const threads = (await db.sessions.threads(sessionId))!;
      expect(threads.title).toBe('hello');
      expect(threads.panes.map((p) => p.pane)).toEqual(
        detail.panes.map(({ messages: _m, state: _s, totals: _t, ...pane }) => pane),
      );
      expect(threads.panes.map((p) => p.messages)).toEqual(detail.panes.map((p) => p.messages));
      expect(await db.sessions.threads('missing')).toBeNull();
      // The latest answer of a pane with two is the second.
      expect((await db.sessions.latestAnswers(sessionId))!.map((p) => p.latest?.id)).toEqual(
        detail.panes.map((p) => p.messages.findLast((m) => m.role === 'assistant')?.id),
      );
      expect(await db.sessions.exists(sessionId)).toBe(true);
      expect(await db.sessions.exists('missing')).toBe(false);
    });

    it('writes nothing of a launch that fails: a deleted session or a taken pane position', async () => {
      const s = await db.sessions.create({ title: 'launch failures' });
      const taken = await newPane(s.id);
      const at = new Date();
      const launch = (sessionId: string, position: number) =>
        db.broadcasts.launch({
          session: { id: sessionId, title: 't', isNew: false },
          panes: [
            {
              id: `${s.id}-x${position}-${sessionId.length}`,
              sessionId,
              providerId: 'demo',
              modelId: 'demo-slow',
              kind: 'chat',
              params: {},
              systemPrompt: null,
              position,
              createdAt: at,
            },
          ],
          broadcast: {
            id: `${s.id}-bx${position}-${sessionId.length}`,
            prompt: 'p',
            kind: 'broadcast',
            createdAt: at,
          },
          messages: [
            {
              id: `${s.id}-mx${position}-${sessionId.length}`,
              paneId: taken.id,
              broadcastId: null,
              role: 'user',
              content: 'lost?',
              status: 'complete',
              createdAt: at,
            },
          ],
        });
      await expect(launch(s.id, taken.position)).rejects.toThrow();
      await expect(launch('no-such-session', 5)).rejects.toThrow();
      const detail = (await db.sessions.get(s.id))!;
      expect(detail.panes.map((p) => p.id)).toEqual([taken.id]);
      expect(detail.panes[0]!.messages).toEqual([]);
    });

    it('writes launches asked for together in one go, and fails only the bad one among them', async () => {
      const at = new Date();
      const launchOf = (sessionId: string, isNew: boolean, paneSession = sessionId) => ({
        session: { id: sessionId, title: `batch ${sessionId}`, isNew },
        panes: [
          {
            id: `${sessionId}-pane`,
            sessionId: paneSession,
            providerId: 'demo',
            modelId: 'demo-fast',
            kind: 'chat' as const,
            params: {},
            systemPrompt: null,
            position: 0,
            createdAt: at,
          },
        ],
        broadcast: { id: `${sessionId}-b`, prompt: 'p', kind: 'broadcast' as const, createdAt: at },
        messages: [
          {
            id: `${sessionId}-m`,
            paneId: `${sessionId}-pane`,
            broadcastId: `${sessionId}-b`,
            role: 'user' as const,
            content: `hello ${sessionId}`,
            status: 'complete' as const,
            createdAt: at,
          },
        ],
      });
      const tag = `${provider}-${Date.now()}`;
      const good = Array.from({ length: 12 }, (_, i) => `batch-${tag}-${i}`);
      // Asked for in one turn: one of them names a session that does not exist.
      const results = await Promise.allSettled([
        ...good.map((id) => db.broadcasts.launch(launchOf(id, true))),
        db.broadcasts.launch(launchOf(`batch-${tag}-ghost`, false)),
      ]);
      expect(results.slice(0, good.length).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(results.at(-1)!.status).toBe('rejected');
      for (const id of good) {
        const detail = (await db.sessions.get(id))!;
        expect(detail.panes[0]!.messages.map((m) => m.content)).toEqual([`hello ${id}`]);
      }
      expect(await db.sessions.get(`batch-${tag}-ghost`)).toBeNull();
    });

    it('saves answers that end together in one go, and fails only one whose message is gone', async () => {
      const s = await db.sessions.create({ title: 'ending together' });
      const pane = await newPane(s.id);
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          db.messages.append({
            paneId: pane.id,
            broadcastId: null,
            role: 'assistant',
            content: '',
            status: 'streaming',
          }),
        ),
      );
      // Ends of every kind in one batch: one failed without metrics, one fused with citations.
      const citations = [
        {
          paragraph: 0,
          start: 0,
          end: 8,
          labels: ['A'],
          sources: [{ paneId: pane.id, messageId: answers[0]!.id }],
        },
      ];
      const ends: FinishedAnswer[] = answers.map((_, i) =>
        complete(`answer ${i}`, 'demo', 'demo-fast', { outputTokens: i }),
      );
      ends[0] = {
        content: 'part',
        status: 'error',
        endReason: 'error',
        finishReason: null,
        error: {
          kind: 'rate_limit',
          message: 'Slow down',
          suggestion: 'Wait',
          retryable: true,
          status: 429,
        },
        metrics: null,
      };
      ends[1] = { ...ends[1]!, citations };
      const before = (await db.sessions.get(s.id))!.updatedAt;
      await new Promise((resolve) => setTimeout(resolve, 5)); // so the touch moves the clock
      const results = await Promise.allSettled([
        ...answers.map((a, i) => db.messages.finish(a.id, ends[i]!)),
        db.messages.finish('gone', complete('x', 'demo', 'demo-fast')),
      ]);
      expect(results.slice(0, 8).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(results[8]).toMatchObject({
        status: 'rejected',
        reason: { name: 'MessageGoneError' },
      });
      expect(await db.messages.get(answers[0]!.id)).toMatchObject({
        status: 'error',
        content: 'part',
        endReason: 'error',
        error: { kind: 'rate_limit', message: 'Slow down', suggestion: 'Wait', status: 429 },
        metrics: null,
      });
      expect((await db.messages.get(answers[1]!.id))!.citations).toEqual(citations);
      for (const [i, a] of answers.entries()) {
        if (i === 0) continue;
        const saved = (await db.messages.get(a.id))!;
        expect(saved).toMatchObject({
          status: 'complete',
          content: `answer ${i}`,
          endReason: 'done',
        });
        expect(saved.metrics).toMatchObject({ outputTokens: i });
        if (i > 1) expect(saved.citations).toBeUndefined();
      }
      expect((await db.sessions.get(s.id))!.updatedAt > before).toBe(true);
    });

    it('keeps data across close and reopen, and reopening migrates nothing', async () => {
      const s = await db.sessions.create({ title: 'kept' });
      const pane = await newPane(s.id);
      await db.messages.append({
        paneId: pane.id,
        broadcastId: null,
        role: 'user',
        content: 'remember me',
        status: 'complete',
      });
      const count = await db.sessions.count();
      const applied: unknown[] = [];
      const logger = {
        info: (obj: object) => applied.push(obj),
        warn: () => undefined,
        error: () => undefined,
        debug: () => undefined,
      };
      const reopened = await createDb({ url: target.url, logger });
      try {
        expect(applied).toEqual([]);
        expect(await reopened.sessions.count()).toBe(count);
        expect((await reopened.sessions.get(s.id))!.panes[0]!.messages[0]!.content).toBe(
          'remember me',
        );
      } finally {
        await reopened.close();
      }
    });
  });
}

describe('createDb on SQLite', () => {
  it('creates the parent directory and opens the file in WAL mode with foreign keys enforced', async () => {
    const target = testDatabase('sqlite');
    const db = await createDb({ url: target.url });
    try {
      const raw = new Database((parseDatabaseUrl(target.url) as { file: string }).file, {
        readonly: true,
      });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.close();
      await expect(
        db.panes.create({
          sessionId: 'no-such-session',
          providerId: 'demo',
          modelId: 'm',
          kind: 'chat',
          params: {},
          systemPrompt: null,
        }),
      ).rejects.toThrow();
    } finally {
      await db.close();
      await target.drop();
    }
  });
});
