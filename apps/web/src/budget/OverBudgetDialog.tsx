import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

import type { Forecast } from '@mlb/contracts';

import { Dialog } from '../ui/Dialog';
import { budgetWarnings } from './forecast-format';
import { ForecastTable } from './ForecastTable';

import './budget.css';

/** Shows what a refused request would cost and asks whether to send it anyway. */
export function OverBudgetDialog({
  forecast,
  onAnswer,
}: {
  forecast: Forecast;
  onAnswer: (sendAnyway: boolean) => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  // Cancel first, as in every confirmation (the dialog would focus the table's scroll box). Runs
  // after the Dialog's own effect, which opened it.
  useLayoutEffect(() => cancel.current?.focus(), []);
  return (
    <Dialog title="Over budget" className="over-budget" onClose={() => onAnswer(false)}>
      <div className="dialog-text">
        {budgetWarnings(forecast).map((w) => (
          <p key={w}>{w}</p>
        ))}
        <p>
          Sent anyway, answers stop when a budget is reached and keep their text so far. Cancel
          keeps your prompt in the box.
        </p>
      </div>
      <ForecastTable forecast={forecast} caption="What it could cost" />
      <div className="dialog-actions">
        <button type="button" ref={cancel} onClick={() => onAnswer(false)}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => onAnswer(true)}>
          Send anyway
        </button>
      </div>
    </Dialog>
  );
}

/**
 * Asking before going over a budget, as a promise: `ask(forecast)` opens the dialog and resolves to
 * whether the user chose to send anyway. `dialog` is rendered where the caller wants it.
 */
export function useOverBudgetConfirm(): {
  ask: (forecast: Forecast) => Promise<boolean>;
  dialog: ReactNode;
} {
  const [pending, setPending] = useState<Forecast | null>(null);
  const resolve = useRef<((sendAnyway: boolean) => void) | null>(null);
  const ask = useCallback(
    (forecast: Forecast) =>
      new Promise<boolean>((res) => {
        // A question still open is answered "no" by a new one.
        resolve.current?.(false);
        resolve.current = res;
        setPending(forecast);
      }),
    [],
  );
  const dialog = pending ? (
    <OverBudgetDialog
      forecast={pending}
      onAnswer={(sendAnyway) => {
        resolve.current?.(sendAnyway);
        resolve.current = null;
        setPending(null);
      }}
    />
  ) : null;
  return { ask, dialog };
}
