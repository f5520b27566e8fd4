import type { BudgetScope } from '@mlb/contracts';

import { countTokens } from '../metering/count-tokens';
import type { LiveCost } from './live-cost';
import type { SpendMeter } from './spend-tracker';

/**
 * What a pane run asks of its budgets. `add` is given the answer's text as it arrives and says
 * when the run must stop; `settle` is given its final cost once its end is saved.
 */
export interface BudgetGuard {
  /** Counts new text; the scope whose limit the answer's cost so far reached, or null to go on. */
  add(text: string): BudgetScope | null;
  settle(costUsd: number | null): void;
}

/**
 * A guard over one answer's budgets. Tokens are counted per piece of text as it arrives (each
 * character once); split pieces count a little more than the whole text would, so the answer
 * stops a little early rather than late. An answer whose price is unknown never stops for a budget
 * (its forecast says so before it is sent).
 */
export function budgetGuard(cost: LiveCost, meter: SpendMeter): BudgetGuard {
  let outputTokens = 0;
  return {
    add(text) {
      outputTokens += countTokens(text);
      const usd = cost.at(outputTokens);
      return usd === null ? null : meter.update(usd);
    },
    settle(costUsd) {
      meter.settle(costUsd ?? 0);
    },
  };
}
