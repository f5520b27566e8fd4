import type { Forecast, ForecastInput } from '@mlb/contracts';

import { panesFor } from '../broadcast-service';
import { forecastOf } from '../budget/plan-spend';
import { standings } from '../budget/standings';
import type { DomainContext } from '../context';
import { notFound } from '../errors';
import { forecastTarget } from './forecast-model';

/**
 * What a broadcast would cost before it is sent: per model from the prompt, the pane's thread (in
 * a session, the same pane a broadcast would continue), the price and the most output tokens; and
 * how the worst case stands against every budget.
 */
export async function forecast(ctx: DomainContext, input: ForecastInput): Promise<Forecast> {
  let threads = null;
  if (input.sessionId) {
    threads = await ctx.db.sessions.threads(input.sessionId);
    if (!threads)
      throw notFound(
        'Session',
        input.sessionId,
        'Leave sessionId out to forecast a new session, or pick one from sessions.list.',
      );
  }
  // The panes a broadcast would answer in; new ones are only planned here, and dropped.
  const targets = panesFor(input.sessionId ?? 'forecast', threads?.panes ?? [], input.models).map(
    ({ pane, messages, isNew }) =>
      forecastTarget({ pane, isNew, thread: messages, prompt: input.prompt }),
  );
  const limits = await standings(ctx, {
    broadcastUsd: input.budgetUsd,
    session:
      input.sessionId && threads
        ? { id: input.sessionId, budgetUsd: threads.budgetUsd }
        : undefined,
  });
  return forecastOf(ctx, targets, limits);
}
