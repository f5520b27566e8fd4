import { formatUsd, type Forecast, type OverBudgetDetails } from '@mlb/contracts';

import { DomainError } from '../errors';

const SCOPE_WORDS = {
  broadcast: 'this broadcast’s budget',
  session: 'the session’s budget',
  monthly: 'this month’s budget',
};

/**
 * A request whose forecast crosses a budget: refused as a CONFLICT that carries the forecast, so a
 * client can show what it would cost and ask before sending it again with `confirmOverBudget`.
 */
export class OverBudgetError extends DomainError {
  readonly details: OverBudgetDetails;

  constructor(forecast: Forecast) {
    const crossed = forecast.budgets.filter((b) => b.exceeded);
    const words = crossed
      .map(
        (b) =>
          `the ${formatUsd(b.remainingUsd)} left of ${SCOPE_WORDS[b.scope]} (${formatUsd(b.limitUsd)})`,
      )
      .join(' and ');
    super(
      'CONFLICT',
      `This could cost up to ${formatUsd(forecast.total.maxCostUsd)}, more than ${words}.`,
      'Send it again with confirmOverBudget to go ahead (answers stop when a budget is reached, keeping their text), raise the budget, or choose fewer or cheaper models.',
    );
    this.name = 'OverBudgetError';
    this.details = { forecast };
  }
}

/** A budget with nothing left: not even a confirmed request may start. */
export function budgetSpent(scope: 'session' | 'monthly', limitUsd: number): DomainError {
  return new DomainError(
    'CONFLICT',
    `${scope === 'session' ? 'The session’s' : 'This month’s'} budget of ${formatUsd(limitUsd)} is spent.`,
    scope === 'session'
      ? 'Raise or clear it with sessions.setBudget, or start a new session.'
      : 'Raise or clear the monthly budget (budgets.setMonthly), or wait for next month.',
  );
}
