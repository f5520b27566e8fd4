import { z } from 'zod';

import { idSchema } from './ids';
import { LIMITS } from './limits';

/** An amount of US dollars a user sets as a limit. */
export const usdSchema = z
  .number({ error: 'A budget is an amount of US dollars, e.g. 0.5.' })
  .positive('A budget is more than $0; clear it (null) for no limit.')
  .max(LIMITS.budgetMaxUsd, `A budget is at most $${LIMITS.budgetMaxUsd.toLocaleString('en')}.`);

export const sessionBudgetInput = z.object({
  sessionId: idSchema,
  /** USD for every answer of the session together; null removes the limit. */
  budgetUsd: usdSchema.nullable(),
});
export type SessionBudgetInput = z.infer<typeof sessionBudgetInput>;

export const monthlyBudgetInput = z.object({
  /** USD for every answer of a calendar month (UTC) together; null removes the limit. */
  monthlyUsd: usdSchema.nullable(),
});
export type MonthlyBudgetInput = z.infer<typeof monthlyBudgetInput>;

/** Which limit a budget figure is about. */
export type BudgetScope = 'broadcast' | 'session' | 'monthly';

/** One limit and where spending stands against it. */
export interface BudgetStanding {
  scope: BudgetScope;
  limitUsd: number;
  /** Spent by saved answers (for a broadcast: nothing yet). */
  spentUsd: number;
  /** What is left of the limit, never below 0. */
  remainingUsd: number;
}

export interface SessionBudgetView {
  sessionId: string;
  budgetUsd: number | null;
  /** What the session's answers cost so far (answers with an unknown price count as $0). */
  spentUsd: number;
  remainingUsd: number | null;
}

export interface MonthlyBudgetView {
  /** The calendar month, UTC, as YYYY-MM. */
  month: string;
  monthlyUsd: number | null;
  /** What answers cost this month (answers with an unknown price count as $0; imported ones not at all). */
  spentUsd: number;
  remainingUsd: number | null;
}
