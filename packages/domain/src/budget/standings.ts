import type { BudgetStanding } from '@mlb/contracts';

import type { DomainContext } from '../context';
import { monthOf } from './month';

const MONTHLY_BUDGET_KEY = 'budget.monthlyUsd';

/**
 * The monthly budget as last read, per database: every launch asks for it, and a read before each
 * broadcast's first token is one too many. Another process's change shows within the TTL.
 */
const monthlyCache = new WeakMap<object, { value: number | null; at: number }>();
const MONTHLY_TTL_MS = 5_000;

function parseBudget(raw: string | null): number | null {
  let value: unknown = null;
  try {
    value = raw === null ? null : JSON.parse(raw);
  } catch {
    // Written by budgets.setMonthly only; a hand-edited value that does not parse sets no limit.
  }
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** The monthly budget the user set, if any. */
export async function monthlyBudget(ctx: Pick<DomainContext, 'db'>): Promise<number | null> {
  const cached = monthlyCache.get(ctx.db);
  if (cached && Date.now() - cached.at < MONTHLY_TTL_MS) return cached.value;
  const value = parseBudget(await ctx.db.settings.get(MONTHLY_BUDGET_KEY));
  monthlyCache.set(ctx.db, { value, at: Date.now() });
  return value;
}

/** Sets the monthly budget (null: none); this process sees it at once. */
export async function saveMonthlyBudget(
  ctx: Pick<DomainContext, 'db'>,
  monthlyUsd: number | null,
): Promise<void> {
  await ctx.db.settings.set(
    MONTHLY_BUDGET_KEY,
    monthlyUsd === null ? null : JSON.stringify(monthlyUsd),
  );
  monthlyCache.set(ctx.db, { value: monthlyUsd, at: Date.now() });
}

/** USD spent in a scope: live figures while answers of it stream, else the saved ones. */
async function spentIn(
  ctx: Pick<DomainContext, 'db' | 'spend'>,
  key: string,
  where: { sessionId?: string; since?: Date },
): Promise<number> {
  return ctx.spend.spentIn(key) ?? (await ctx.db.metrics.spent(where));
}

/** A limit and where it stands; `key` is null for the new work's own (its broadcast's id is not made yet). */
export type Standing = BudgetStanding & { key: string | null };

export interface Limits {
  /** The new work's own limit, when it has one. */
  broadcastUsd?: number | undefined;
  /** The session's budget; none for a new session. */
  session?: { id: string; budgetUsd: number | null } | undefined;
}

/**
 * Every limit that applies, with what is spent against it. Reads only what a set limit needs: no
 * budget, no query (this runs before every broadcast's first token).
 */
export async function standings(
  ctx: Pick<DomainContext, 'db' | 'spend'>,
  limits: Limits,
  now = new Date(),
): Promise<Standing[]> {
  const out: Standing[] = [];
  const add = (
    scope: BudgetStanding['scope'],
    limitUsd: number,
    spentUsd: number,
    key: string | null,
  ) => out.push({ scope, limitUsd, spentUsd, remainingUsd: Math.max(0, limitUsd - spentUsd), key });
  if (limits.broadcastUsd !== undefined) add('broadcast', limits.broadcastUsd, 0, null);
  const session = limits.session;
  if (session && session.budgetUsd !== null) {
    const key = `session:${session.id}`;
    add('session', session.budgetUsd, await spentIn(ctx, key, { sessionId: session.id }), key);
  }
  const monthly = await monthlyBudget(ctx);
  if (monthly !== null) {
    const { month, since } = monthOf(now);
    const key = `month:${month}`;
    add('monthly', monthly, await spentIn(ctx, key, { since }), key);
  }
  return out;
}
