import type { BudgetScope } from '@mlb/contracts';

/** One limit that running answers share: a broadcast's, a session's or the month's. */
interface Scope {
  scope: BudgetScope;
  limitUsd: number;
  /** Spent by saved answers when the scope opened. */
  baseUsd: number;
  /** Spent by answers of this scope that ended since it opened. */
  settledUsd: number;
  /** Cost so far of each answer still streaming, by message id. */
  live: Map<string, number>;
}

export interface ScopeLimit {
  /** e.g. `session:<id>`; answers naming the same key share one limit. */
  key: string;
  scope: BudgetScope;
  limitUsd: number;
  /** Spent before (read from the database when the scope is not open yet). */
  baseUsd: number;
}

/**
 * Where every limit stands while answers stream, in this process. A scope opens with the first
 * answer that names it, from what the database says was spent, and closes with its last answer
 * (whose costs are saved by then, so the next one reads them from the database). In between,
 * answers that end move their cost from `live` to `settled`, so nothing is counted twice or lost.
 */
export class SpendTracker {
  private readonly scopes = new Map<string, Scope>();

  /** USD spent in an open scope (saved, ended and streaming); undefined when it is not open. */
  spentIn(key: string): number | undefined {
    const scope = this.scopes.get(key);
    return scope && total(scope);
  }

  /**
   * Joins an answer to its scopes (opening those not open; an open one takes the newer limit).
   * Returns its meter: `update` records its cost so far and says whether any limit is reached;
   * `settle` records its final cost and leaves the scopes.
   */
  join(messageId: string, limits: ScopeLimit[]): SpendMeter {
    const scopes = limits.map((limit) => {
      const open = this.scopes.get(limit.key);
      if (open) {
        open.limitUsd = limit.limitUsd;
        open.live.set(messageId, 0);
        return [limit.key, open] as const;
      }
      const scope: Scope = {
        scope: limit.scope,
        limitUsd: limit.limitUsd,
        baseUsd: limit.baseUsd,
        settledUsd: 0,
        live: new Map([[messageId, 0]]),
      };
      this.scopes.set(limit.key, scope);
      return [limit.key, scope] as const;
    });
    let settled = false;
    return {
      update: (costUsd) => {
        if (settled) return null;
        for (const [, scope] of scopes) scope.live.set(messageId, costUsd);
        const reached = scopes.find(([, scope]) => total(scope) >= scope.limitUsd);
        return reached ? reached[1].scope : null;
      },
      settle: (costUsd) => {
        if (settled) return;
        settled = true;
        for (const [key, scope] of scopes) {
          scope.live.delete(messageId);
          scope.settledUsd += costUsd;
          if (scope.live.size === 0 && this.scopes.get(key) === scope) this.scopes.delete(key);
        }
      },
    };
  }

  /** A limit changed (sessions.setBudget, budgets.setMonthly): answers streaming in it follow it. */
  setLimit(key: string, limitUsd: number | null): void {
    const scope = this.scopes.get(key);
    if (scope) scope.limitUsd = limitUsd ?? Number.POSITIVE_INFINITY;
  }

  get openScopes(): number {
    return this.scopes.size;
  }
}

export interface SpendMeter {
  /** Records the answer's cost so far; the scope whose limit it reached, or null. */
  update(costUsd: number): BudgetScope | null;
  /** The answer ended at this cost (0 when unknown); it leaves its scopes. */
  settle(costUsd: number): void;
}

function total(scope: Scope): number {
  let live = 0;
  for (const cost of scope.live.values()) live += cost;
  return scope.baseUsd + scope.settledUsd + live;
}
