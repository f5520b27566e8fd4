import { useId, useState } from 'react';

import { LIMITS } from '@mlb/contracts';

import { parseBudget } from './forecast-format';

/** A budget's field with Save and Clear: `onSave(null)` removes the limit. */
export function BudgetForm({
  label,
  current,
  saving,
  error,
  onSave,
}: {
  label: string;
  current: number | null;
  saving: boolean;
  /** Why the last save failed, or null. */
  error: string | null;
  onSave: (usd: number | null) => void;
}) {
  const [text, setText] = useState(current === null ? '' : String(current));
  const id = useId();
  const errorId = useId();
  const parsed = parseBudget(text, LIMITS.budgetMaxUsd);
  const problem = parsed.ok ? error : parsed.error;
  return (
    <form
      className="budget-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.ok) onSave(parsed.usd);
      }}
    >
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <span aria-hidden>$</span>
        <input
          id={id}
          type="text"
          inputMode="decimal"
          placeholder="none"
          size={8}
          value={text}
          aria-invalid={!parsed.ok}
          aria-describedby={problem ? errorId : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="primary" disabled={saving || !parsed.ok}>
          Save
        </button>
        <button
          type="button"
          disabled={saving || current === null}
          onClick={() => {
            setText('');
            onSave(null);
          }}
        >
          Clear
        </button>
      </div>
      {problem ? (
        <p className="error-text" id={errorId} role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
