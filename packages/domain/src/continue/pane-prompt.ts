import type { PanePromptInput, RunResult } from '@mlb/contracts';

import { requireAdapters } from '../adapters';
import { planSpend } from '../budget/plan-spend';
import type { DomainContext } from '../context';
import { notFound } from '../errors';
import { forecastTarget } from '../forecast/forecast-model';
import { launchAnswers } from '../launch-answers';

const RELOAD = 'Reload the session: the pane may have been deleted.';

/**
 * The next prompt to one pane only ("continue with the winner"): it continues that pane's thread,
 * the other panes stay as they are.
 */
export async function promptPane(ctx: DomainContext, input: PanePromptInput): Promise<RunResult> {
  const found = await ctx.db.panes.get(input.paneId);
  if (!found) throw notFound('Pane', input.paneId, RELOAD);
  const [adapter] = requireAdapters(ctx, [found.providerId]).values();
  const sessionId = found.sessionId;
  return ctx.locks.run(sessionId, async () => {
    ctx.runs.assertCanStart(sessionId, [found.id]);
    const threads = await ctx.db.sessions.threads(sessionId);
    const own = threads?.panes.find((p) => p.pane.id === found.id);
    if (!threads || !own) throw notFound('Pane', input.paneId, RELOAD);
    const target = {
      pane: own.pane,
      isNew: false,
      thread: own.messages,
      prompt: input.prompt,
      adapter: adapter!,
    };
    const budget = await planSpend(ctx, {
      limits: {
        broadcastUsd: input.budgetUsd,
        session: { id: sessionId, budgetUsd: threads.budgetUsd },
      },
      targets: [forecastTarget(target)],
      refuse: 'forecast',
      confirmOverBudget: input.confirmOverBudget,
    });
    const { broadcastId, answers, lastEventId } = await launchAnswers(ctx, {
      session: { id: sessionId, title: threads.title, isNew: false },
      broadcast: { prompt: input.prompt, kind: 'prompt', budgetUsd: input.budgetUsd },
      targets: [target],
      budget,
    });
    return {
      sessionId,
      broadcastId,
      paneId: answers[0]!.paneId,
      messageId: answers[0]!.messageId,
      lastEventId,
    };
  });
}
