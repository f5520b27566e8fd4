import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { collectEvents } from '../../test/collect-events';
import { answer, FakeAdapter } from '../../test/fake-adapter';
import { settle } from '../../test/fake-clock';
import { createHarness, price } from '../../test/harness';
import { PaneRun } from '../pane-run';
import { budgetGuard } from './budget-guard';
import { LiveCost } from './live-cost';
import { SpendTracker } from './spend-tracker';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** 40 words of one token each (" word" is one o200k token, and so is each repeat). */
const words = Array.from({ length: 40 }, () => ' word');

describe('an answer over its budget', () => {
  it('is stopped with reason budget, its text so far kept and its cost estimated', async () => {
    const h = createHarness();
    const spend = new SpendTracker();
    const spec = h.seedAnswer();
    const cost = new LiveCost((usage) => price(usage), spec.history);
    // Room for the input and 10 output tokens at $2 per million.
    const limitUsd = cost.at(10)!;
    const guard = budgetGuard(
      cost,
      spend.join(spec.messageId, [
        { key: 'broadcast:b', scope: 'broadcast', limitUsd, baseUsd: 0 },
      ]),
    );
    const events = collectEvents(h.hub, spec.sessionId);
    const adapter = new FakeAdapter([
      answer(words, { gapMs: 20, usage: { inputTokens: 12, outputTokens: 40 } }),
    ]);
    const run = new PaneRun({ ...spec, budget: guard }, h.deps);
    await settle(run.execute(adapter));

    const final = events.final(spec.messageId)!;
    expect(final.reason).toBe('budget');
    expect(final.content).toBe(words.slice(0, 10).join(''));
    expect(events.statuses(spec.messageId).at(-1)).toEqual({ state: 'stopped' });
    expect(adapter.calls[0]!.signal.aborted).toBe(true);
    const saved = await h.db.messages.get(spec.messageId);
    expect(saved).toMatchObject({
      content: words.slice(0, 10).join(''),
      status: 'stopped',
      endReason: 'budget',
      metrics: { outputTokens: 10, estimated: true },
    });
    // It settled at its final cost, after its save: the scope has closed.
    expect(spend.spentIn('broadcast:b')).toBeUndefined();
  });

  it('streams to its end under the budget, reporting its cost so far as it goes', async () => {
    const h = createHarness();
    const spec = h.seedAnswer();
    const cost = new LiveCost((usage) => price(usage), spec.history);
    const guard = budgetGuard(
      cost,
      new SpendTracker().join(spec.messageId, [
        { key: 'k', scope: 'session', limitUsd: 1, baseUsd: 0 },
      ]),
    );
    const events = collectEvents(h.hub, spec.sessionId);
    const run = new PaneRun({ ...spec, budget: guard }, h.deps);
    await settle(run.execute(new FakeAdapter([answer(words, { gapMs: 20 })])));
    expect(events.final(spec.messageId)!.reason).toBe('done');
    const progress = events
      .tokens(spec.messageId)
      .flatMap((t) => (t.data.progress ? [t.data.progress] : []));
    expect(progress.length).toBeGreaterThan(1);
    for (const p of progress) expect(p.costUsd).toBeCloseTo(cost.at(p.outputTokens)!, 15);
    expect(progress[0]!.ttftMs).toBe(0);
  });
});
