import { forecastInput, monthlyBudgetInput } from '@mlb/contracts';

import { publicProcedure, router } from '../trpc';

export const forecastRouter = router({
  /** What a broadcast would cost per model and in all before it is sent, and how it stands against the budgets. */
  get: publicProcedure
    .input(forecastInput)
    .query(({ ctx, input }) => ctx.workspace.forecast(input)),
});

export const budgetsRouter = router({
  /** This month's budget and spending (UTC calendar month). */
  get: publicProcedure.query(({ ctx }) => ctx.workspace.budgets.get()),
  setMonthly: publicProcedure
    .input(monthlyBudgetInput)
    .mutation(({ ctx, input }) => ctx.workspace.budgets.setMonthly(input)),
});
