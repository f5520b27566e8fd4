import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AnswerMetrics, Citation, FuseRequest } from '@mlb/contracts';

import { createDb } from './create-db';
import type { Db, SessionCopy } from './db';
import { providersUnderTest, testDatabase, type TestDatabase } from './test-databases';

const metrics = (cost: number | null, over: Partial<AnswerMetrics> = {}): AnswerMetrics => ({
  inputTokens: 10,
  outputTokens: 4,
  cachedTokens: 0,
  cost,
  ttftMs: 12,
  latencyMs: 40,
  tokensPerSecond: 100,
  retries: 0,
  estimated: false,
  ...over,
});

for (const { provider, enabled } of await providersUnderTest()) {
  describe.skipIf(!enabled)(`comparing and deciding: repositories on ${provider}`, () => {
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

    /** A session with one broadcast answered by the given models: what a launch and its finishes write. */
    async function answered(
      models: { providerId: string; modelId: string; cost: number | null }[],
      over: { budgetUsd?: number; fuse?: FuseRequest } = {},
    ) {
      const sessionId = randomUUID();
      const broadcastId = randomUUID();
      const now = new Date();
      const panes = models.map((m, position) => ({
        id: randomUUID(),
        sessionId,
        providerId: m.providerId,
        modelId: m.modelId,
        kind: 'chat' as const,
        params: {},
        systemPrompt: null,
        position,
        createdAt: now,
      }));
      const answers = panes.map(() => randomUUID());
      await db.broadcasts.launch({
        session: { id: sessionId, title: 'Decide', isNew: true },
        panes,
        broadcast: {
          id: broadcastId,
          prompt: 'Why?',
          kind: 'broadcast',
          createdAt: now,
          budgetUsd: over.budgetUsd ?? null,
        },
        messages: panes.flatMap((pane, i) => [
          {
            id: randomUUID(),
            paneId: pane.id,
            broadcastId,
            role: 'user' as const,
            content: 'Why?',
            status: 'complete' as const,
            createdAt: now,
            ...(over.fuse ? { fuse: over.fuse } : {}),
          },
          {
            id: answers[i]!,
            paneId: pane.id,
            broadcastId,
            role: 'assistant' as const,
            content: '',
            status: 'streaming' as const,
            createdAt: now,
          },
        ]),
      });
      for (const [i, m] of models.entries())
        await db.messages.finish(answers[i]!, {
          content: `answer ${i}`,
          status: 'complete',
          endReason: 'done',
          finishReason: 'stop',
          error: null,
          metrics: { ...metrics(m.cost), providerId: m.providerId, modelId: m.modelId },
        });
      return { sessionId, broadcastId, panes, answers };
    }

    it('keeps a session budget, and sums what the session and the month spent', async () => {
      const since = new Date(Date.now() - 1000);
      const before = await db.metrics.spent({ since });
      const { sessionId } = await answered([
        { providerId: 'groq', modelId: 'a', cost: 0.25 },
        { providerId: 'groq', modelId: 'b', cost: null },
        { providerId: 'groq', modelId: 'c', cost: 0.5 },
      ]);
      expect((await db.sessions.get(sessionId))!.budgetUsd).toBeNull();
      expect(await db.sessions.setBudget(sessionId, 2)).toBe(true);
      expect((await db.sessions.get(sessionId))!.budgetUsd).toBe(2);
      expect((await db.sessions.threads(sessionId))!.budgetUsd).toBe(2);
      expect(await db.sessions.setBudget('missing', 2)).toBe(false);
      expect(await db.metrics.spent({ sessionId })).toBeCloseTo(0.75, 12);
      expect((await db.metrics.spent({ since })) - before).toBeCloseTo(0.75, 12);
      expect(await db.metrics.spent({ sessionId, since: new Date(Date.now() + 60_000) })).toBe(0);
      await db.sessions.setBudget(sessionId, null);
      expect((await db.sessions.get(sessionId))!.budgetUsd).toBeNull();
    });

    it('lists a session’s broadcasts with their kind and budget', async () => {
      const { sessionId, broadcastId } = await answered(
        [{ providerId: 'demo', modelId: 'demo-fast', cost: 0 }],
        { budgetUsd: 0.1 },
      );
      expect(await db.broadcasts.listBySession(sessionId)).toEqual([
        {
          id: broadcastId,
          prompt: 'Why?',
          kind: 'broadcast',
          budgetUsd: 0.1,
          createdAt: expect.any(String),
        },
      ]);
    });

    it('saves send-to provenance, a fusion’s compact request and a fused answer’s citations', async () => {
      const fuse: FuseRequest = {
        template: 'fuse',
        instruction: 'Fuse them.',
        sources: [{ label: 'A', paneId: 'pa', messageId: 'ma', providerId: 'groq', modelId: 'x' }],
      };
      const { panes, answers } = await answered([{ providerId: 'groq', modelId: 'f', cost: 0 }], {
        fuse,
      });
      const thread = await db.messages.thread(panes[0]!.id);
      expect(thread[0]!.fuse).toEqual(fuse);
      expect(thread[1]).not.toHaveProperty('fuse');
      expect(thread[1]).not.toHaveProperty('citations');

      const citations: Citation[] = [
        {
          paragraph: 0,
          start: 0,
          end: 8,
          labels: ['A'],
          sources: [{ paneId: 'pa', messageId: 'ma' }],
        },
      ];
      await db.messages.finish(answers[0]!, {
        content: 'Fused. [A]',
        status: 'complete',
        endReason: 'done',
        finishReason: 'stop',
        error: null,
        metrics: null,
        citations,
      });
      expect((await db.messages.get(answers[0]!))!.citations).toEqual(citations);

      const context = await db.messages.append({
        paneId: panes[0]!.id,
        broadcastId: null,
        role: 'context',
        content: 'Context from x',
        status: 'complete',
        source: { paneId: 'pa', messageId: 'ma' },
      });
      expect(context.source).toEqual({ paneId: 'pa', messageId: 'ma' });
      expect((await db.messages.get(context.id))!.source).toEqual({
        paneId: 'pa',
        messageId: 'ma',
      });
      // The read a new answer starts from keeps provenance, the fusion request and citations.
      const sessionId = (await db.panes.get(panes[0]!.id))!.sessionId;
      const detail = (await db.sessions.get(sessionId))!;
      expect((await db.sessions.threads(sessionId))!.panes.map((p) => p.messages)).toEqual(
        detail.panes.map((p) => p.messages.map((m) => ({ ...m, metrics: null }))),
      );
    });

    it('keeps one vote per turn, records each pane’s model, and forgets votes with their session', async () => {
      const { sessionId, broadcastId, panes } = await answered([
        { providerId: 'groq', modelId: 'a', cost: 0 },
        { providerId: 'google', modelId: 'b', cost: 0 },
      ]);
      const first = await db.votes.cast({
        sessionId,
        broadcastId,
        kind: 'best',
        entries: [
          { paneId: panes[1]!.id, rank: 2 },
          { paneId: panes[0]!.id, rank: 1 },
        ],
      });
      expect(first).toMatchObject({
        sessionId,
        broadcastId,
        kind: 'best',
        entries: [
          { paneId: panes[0]!.id, providerId: 'groq', modelId: 'a', rank: 1 },
          { paneId: panes[1]!.id, providerId: 'google', modelId: 'b', rank: 2 },
        ],
      });
      const second = await db.votes.cast({
        sessionId,
        broadcastId,
        kind: 'tie',
        entries: panes.map((p) => ({ paneId: p.id, rank: 1 })),
      });
      expect(await db.votes.forBroadcast(broadcastId)).toEqual(second);
      expect(await db.votes.listBySession(sessionId)).toEqual([second]);
      expect((await db.votes.all()).filter((v) => v.sessionId === sessionId)).toEqual([second]);
      expect(await db.votes.forBroadcast('missing')).toBeNull();

      await db.sessions.delete(sessionId);
      expect(await db.votes.forBroadcast(broadcastId)).toBeNull();
    });

    it('keeps settings by key, and removes one set to null', async () => {
      expect(await db.settings.get('budget.monthlyUsd')).toBeNull();
      await db.settings.set('budget.monthlyUsd', '25');
      await db.settings.set('budget.monthlyUsd', '30');
      expect(await db.settings.get('budget.monthlyUsd')).toBe('30');
      await db.settings.set('budget.monthlyUsd', null);
      expect(await db.settings.get('budget.monthlyUsd')).toBeNull();
    });

    it('writes a copied session whole, its answers left out of spending and provider statistics', async () => {
      const usageBefore = await db.metrics.byProvider();
      const spentBefore = await db.metrics.spent({});
      const ids = { session: randomUUID(), pane: randomUUID(), broadcast: randomUUID() };
      const [user, answer] = [randomUUID(), randomUUID()];
      const at = new Date('2026-01-05T10:00:00.000Z');
      const copy: SessionCopy = {
        copiedAt: new Date(),
        session: { id: ids.session, title: 'Imported', createdAt: at, budgetUsd: 3 },
        panes: [
          {
            id: ids.pane,
            sessionId: ids.session,
            providerId: 'copiedprov',
            modelId: 'm',
            kind: 'chat',
            params: { temperature: 0.3 },
            systemPrompt: 'Be brief.',
            position: 0,
            createdAt: at,
          },
        ],
        broadcasts: [
          { id: ids.broadcast, prompt: 'Hi', kind: 'broadcast', budgetUsd: 1, createdAt: at },
        ],
        messages: [
          {
            id: user,
            paneId: ids.pane,
            broadcastId: ids.broadcast,
            role: 'user',
            content: 'Hi',
            status: 'complete',
            endReason: null,
            finishReason: null,
            error: null,
            metrics: null,
            source: null,
            citations: null,
            fuse: null,
            createdAt: at,
          },
          {
            id: answer,
            paneId: ids.pane,
            broadcastId: ids.broadcast,
            role: 'assistant',
            content: 'Partial',
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
            metrics: {
              ...metrics(0.5, { estimated: true }),
              providerId: 'copiedprov',
              modelId: 'm',
            },
            source: { paneId: ids.pane, messageId: null },
            citations: null,
            fuse: null,
            createdAt: at,
          },
        ],
        votes: [
          {
            id: randomUUID(),
            broadcastId: ids.broadcast,
            kind: 'best',
            createdAt: at,
            entries: [{ paneId: ids.pane, providerId: 'copiedprov', modelId: 'm', rank: 1 }],
          },
        ],
      };
      const summary = await db.sessions.insertCopy(copy);
      expect(summary).toMatchObject({ id: ids.session, title: 'Imported', paneCount: 1 });
      const detail = (await db.sessions.get(ids.session))!;
      expect(detail.budgetUsd).toBe(3);
      expect(detail.createdAt).toBe(at.toISOString());
      expect(detail.panes[0]).toMatchObject({
        params: { temperature: 0.3 },
        systemPrompt: 'Be brief.',
        state: 'error',
        totals: { answers: 1, cost: 0.5 },
      });
      expect(detail.panes[0]!.messages.map((m) => m.id)).toEqual([user, answer]);
      expect(detail.panes[0]!.messages[1]).toMatchObject({
        content: 'Partial',
        error: { kind: 'rate_limit', status: 429, retryable: true },
        metrics: { cost: 0.5, estimated: true },
        source: { paneId: ids.pane, messageId: null },
      });
      expect(await db.votes.forBroadcast(ids.broadcast)).toMatchObject({ kind: 'best' });
      expect(await db.broadcasts.listBySession(ids.session)).toMatchObject([{ budgetUsd: 1 }]);
      // The money was spent where the session came from.
      expect(await db.metrics.spent({ sessionId: ids.session })).toBe(0);
      expect(await db.metrics.spent({})).toBe(spentBefore);
      expect(await db.metrics.byProvider()).toEqual(usageBefore);
    });
  });
}
