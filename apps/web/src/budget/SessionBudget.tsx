import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { describeError } from '../errors/user-error';
import { exactCost, formatCost } from '../format';
import { useTRPC } from '../trpc';
import { Popover } from '../ui/Popover';
import { BudgetForm } from './BudgetForm';

import './budget.css';

/**
 * The session's budget in the top bar: what is left of it at a glance, and a popover to set or
 * clear it. Spent is the session's total cost (answers with an unknown price count as $0, as the
 * server counts them).
 */
export function SessionBudget({
  sessionId,
  budgetUsd,
  spentUsd,
}: {
  sessionId: string;
  budgetUsd: number | null;
  spentUsd: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const save = useMutation(
    trpc.sessions.setBudget.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.sessions.get.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.forecast.get.pathKey() });
      },
    }),
  );
  const left = budgetUsd === null ? null : Math.max(0, budgetUsd - spentUsd);
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) save.reset();
      }}
      label="Session budget"
      className="budget-popover"
      align="end"
      trigger={
        <button
          type="button"
          data-testid="session-budget"
          className={left === 0 ? 'budget-spent' : undefined}
          title={budgetUsd === null ? 'Set a budget for this session' : exactCost(left)}
        >
          {budgetUsd === null
            ? 'Budget'
            : `Budget: ${formatCost(left)} left of ${formatCost(budgetUsd)}`}
        </button>
      }
    >
      <p className="muted">
        Spent in this session: <span data-testid="session-spent">{formatCost(spentUsd)}</span>
        {left !== null ? (
          <>
            {' '}
            · left: <span data-testid="session-left">{formatCost(left)}</span>
          </>
        ) : null}
        . Answers stop when the session has cost this much (their text is kept).
      </p>
      <BudgetForm
        key={String(budgetUsd)}
        label="Session budget (US dollars)"
        current={budgetUsd}
        saving={save.isPending}
        error={save.error ? describeError(save.error, 'budget').message : null}
        onSave={(usd) => save.mutate({ sessionId, budgetUsd: usd })}
      />
    </Popover>
  );
}
