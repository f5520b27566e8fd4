import type { BudgetStanding, Forecast, ModelForecast, PaneView, Usage } from '@mlb/contracts';
import type { ChatMessage } from '@mlb/providers';

import type { DomainContext } from '../context';
import { forecastModel, type ForecastTarget } from '../forecast/forecast-model';
import { budgetGuard, type BudgetGuard } from './budget-guard';
import { LiveCost } from './live-cost';
import { budgetSpent, OverBudgetError } from './over-budget-error';
import type { ScopeLimit } from './spend-tracker';
import { standings, type Limits, type Standing } from './standings';

/** What a launch needs to guard its answers: one guard per answer, made as it starts. */
export interface LaunchBudget {
  guard(answer: {
    broadcastId: string;
    messageId: string;
    pane: PaneView;
    history: ChatMessage[];
  }): BudgetGuard;
}

/** A forecast of every target, and how its worst case stands against each limit. */
export function forecastOf(
  ctx: Pick<DomainContext, 'registry'>,
  targets: ForecastTarget[],
  limits: Standing[],
): Forecast {
  const models: ModelForecast[] = targets.map((target) =>
    forecastModel(target, (usage) => ctx.registry.price(target.providerId, target.modelId, usage)),
  );
  const known = models.filter((m) => m.maxCostUsd !== null);
  const total = {
    inputTokens: models.reduce((sum, m) => sum + m.inputTokens, 0),
    minCostUsd: known.reduce((sum, m) => sum + m.minCostUsd!, 0),
    maxCostUsd: known.reduce((sum, m) => sum + m.maxCostUsd!, 0),
    unknownPrices: models.length - known.length,
  };
  const budgets = limits.map(
    ({ key: _key, ...standing }): BudgetStanding & { exceeded: boolean } => ({
      ...standing,
      exceeded: total.maxCostUsd > standing.remainingUsd,
    }),
  );
  return { models, total, budgets, overBudget: budgets.some((b) => b.exceeded) };
}

export interface SpendRequest {
  limits: Limits;
  targets: ForecastTarget[];
  /**
   * forecast: refuse work whose worst case crosses a limit unless `confirmOverBudget` (what the
   * user sends with a choice to make). spent: refuse only when a limit has nothing left (a retry,
   * a send-to: the work was already asked for once).
   */
  refuse: 'forecast' | 'spent';
  confirmOverBudget?: boolean | undefined;
}

/**
 * Checks the work against every budget that applies and returns what guards its answers while
 * they stream; undefined when no budget applies (nothing is read or counted then).
 */
export async function planSpend(
  ctx: Pick<DomainContext, 'db' | 'spend' | 'registry'>,
  request: SpendRequest,
): Promise<LaunchBudget | undefined> {
  const limits = await standings(ctx, request.limits);
  if (limits.length === 0) return undefined;
  const spent = limits.find((l) => l.scope !== 'broadcast' && l.remainingUsd <= 0);
  if (spent) throw budgetSpent(spent.scope === 'session' ? 'session' : 'monthly', spent.limitUsd);
  if (request.refuse === 'forecast' && !request.confirmOverBudget) {
    const forecast = forecastOf(ctx, request.targets, limits);
    if (forecast.overBudget) throw new OverBudgetError(forecast);
  }
  return {
    guard: ({ broadcastId, messageId, pane, history }) => {
      const scopes: ScopeLimit[] = limits.map((l) => ({
        key: l.key ?? `broadcast:${broadcastId}`,
        scope: l.scope,
        limitUsd: l.limitUsd,
        baseUsd: l.spentUsd,
      }));
      const price = (usage: Usage) => ctx.registry.price(pane.providerId, pane.modelId, usage);
      return budgetGuard(new LiveCost(price, history), ctx.spend.join(messageId, scopes));
    },
  };
}
