import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { describeError } from '../errors/user-error';
import { exactCost, formatCost } from '../format';
import { useTRPC } from '../trpc';
import { Dialog } from '../ui/Dialog';
import { BudgetForm } from './BudgetForm';

import './budget.css';

/** "2026-12" as "December 2026" (the month is UTC, as the server counts it). */
const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

function MonthlyBudget() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const budget = useQuery(trpc.budgets.get.queryOptions());
  const save = useMutation(
    trpc.budgets.setMonthly.mutationOptions({
      onSuccess: (view) => {
        queryClient.setQueryData(trpc.budgets.get.queryKey(), view);
        void queryClient.invalidateQueries({ queryKey: trpc.forecast.get.pathKey() });
      },
    }),
  );
  if (budget.isPending) return <p className="muted">Loading the monthly budget…</p>;
  if (budget.isError)
    return (
      <p className="error-text" role="alert">
        {describeError(budget.error, 'open').message}
      </p>
    );
  const view = budget.data;
  return (
    <section className="settings-section" aria-labelledby="monthly-budget-heading">
      <h3 id="monthly-budget-heading">Monthly budget</h3>
      <p>
        Spent in {monthName(view.month)} (UTC):{' '}
        <strong data-testid="month-spent" title={exactCost(view.spentUsd)}>
          {formatCost(view.spentUsd)}
        </strong>
        {view.monthlyUsd !== null ? (
          <>
            {' '}
            of <span data-testid="month-limit">{formatCost(view.monthlyUsd)}</span>, left:{' '}
            <span data-testid="month-left">{formatCost(view.remainingUsd)}</span>
          </>
        ) : (
          ' (no monthly budget)'
        )}
      </p>
      <p className="muted">
        Every answer of the month counts, in all sessions; answers stop when it is reached.
      </p>
      {save.isSuccess ? (
        <p role="status" className="muted">
          Saved.
        </p>
      ) : null}
      <BudgetForm
        key={String(view.monthlyUsd)}
        label="Monthly budget (US dollars)"
        current={view.monthlyUsd}
        saving={save.isPending}
        error={save.error ? describeError(save.error, 'budget').message : null}
        onSave={(usd) => save.mutate({ monthlyUsd: usd })}
      />
    </section>
  );
}

/** The workspace's settings: for now, the monthly budget. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-label="Workspace settings"
        title="Settings"
        onClick={() => setOpen(true)}
      >
        ⚙
      </button>
      {open ? (
        <Dialog title="Settings" className="settings-dialog" onClose={() => setOpen(false)}>
          <MonthlyBudget />
          <div className="dialog-actions">
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
