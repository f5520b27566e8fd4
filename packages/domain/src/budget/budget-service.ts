import type {
  MonthlyBudgetInput,
  MonthlyBudgetView,
  SessionBudgetInput,
  SessionBudgetView,
} from '@mlb/contracts';

import type { DomainContext } from '../context';
import { notFound } from '../errors';
import { monthOf } from './month';
import { monthlyBudget, saveMonthlyBudget } from './standings';

const remaining = (limit: number | null, spent: number) =>
  limit === null ? null : Math.max(0, limit - spent);

async function sessionSpent(ctx: DomainContext, sessionId: string): Promise<number> {
  return ctx.spend.spentIn(`session:${sessionId}`) ?? (await ctx.db.metrics.spent({ sessionId }));
}

export async function setSessionBudget(
  ctx: DomainContext,
  input: SessionBudgetInput,
): Promise<SessionBudgetView> {
  const { sessionId, budgetUsd } = input;
  if (!(await ctx.db.sessions.setBudget(sessionId, budgetUsd)))
    throw notFound('Session', sessionId, 'Pick a session from sessions.list.');
  ctx.spend.setLimit(`session:${sessionId}`, budgetUsd);
  const spentUsd = await sessionSpent(ctx, sessionId);
  return { sessionId, budgetUsd, spentUsd, remainingUsd: remaining(budgetUsd, spentUsd) };
}

export async function getMonthlyBudget(
  ctx: DomainContext,
  now = new Date(),
): Promise<MonthlyBudgetView> {
  const { month, since } = monthOf(now);
  const monthlyUsd = await monthlyBudget(ctx);
  const spentUsd = ctx.spend.spentIn(`month:${month}`) ?? (await ctx.db.metrics.spent({ since }));
  return { month, monthlyUsd, spentUsd, remainingUsd: remaining(monthlyUsd, spentUsd) };
}

export async function setMonthlyBudget(
  ctx: DomainContext,
  input: MonthlyBudgetInput,
): Promise<MonthlyBudgetView> {
  await saveMonthlyBudget(ctx, input.monthlyUsd);
  ctx.spend.setLimit(`month:${monthOf(new Date()).month}`, input.monthlyUsd);
  return getMonthlyBudget(ctx);
}
