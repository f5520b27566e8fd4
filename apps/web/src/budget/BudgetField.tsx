import { useId } from 'react';

import { LIMITS } from '@mlb/contracts';

import { parseBudget } from './forecast-format';

/** The optional budget of the next broadcast: its answers stop when they have cost this much together. */
export function BudgetField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const id = useId();
  const errorId = useId();
  const parsed = parseBudget(value, LIMITS.budgetMaxUsd);
  return (
    <div className="budget-field">
      <label htmlFor={id}>Budget $</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        placeholder="none"
        size={6}
        value={value}
        aria-invalid={!parsed.ok}
        aria-describedby={parsed.ok ? undefined : errorId}
        title="This broadcast’s budget in US dollars: its answers stop when they have cost this much together. Empty: none."
        onChange={(e) => onChange(e.target.value)}
      />
      {parsed.ok ? null : (
        <span className="error-text" id={errorId}>
          {parsed.error}
        </span>
      )}
    </div>
  );
}
