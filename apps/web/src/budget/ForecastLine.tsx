import { useId, useState } from 'react';

import type { Forecast } from '@mlb/contracts';

import { budgetWarnings, forecastPerModel, forecastTotal } from './forecast-format';
import { ForecastTable } from './ForecastTable';

import './budget.css';

/**
 * The forecast under the prompt: one line with the total, a button that opens the per-model table,
 * and a warning for every budget the worst case would cross (the send then asks to confirm).
 */
export function ForecastLine({
  forecast,
  loading,
  error,
}: {
  forecast: Forecast | undefined;
  loading: boolean;
  error: boolean;
}) {
  const [open, setOpen] = useState(false);
  const tableId = useId();
  if (!forecast)
    return loading ? (
      <p className="forecast-line muted" data-testid="forecast">
        Forecasting…
      </p>
    ) : error ? (
      <p className="forecast-line muted" data-testid="forecast">
        No forecast: the cost could not be estimated now.
      </p>
    ) : null;
  const warnings = budgetWarnings(forecast);
  const perModel = forecastPerModel(forecast);
  return (
    <div className="forecast" data-testid="forecast" aria-busy={loading}>
      <p className="forecast-line">
        <span data-testid="forecast-summary">{forecastTotal(forecast)}</span>
        <span aria-hidden>·</span>
        <span className="forecast-models" data-testid="forecast-models" title={perModel}>
          {perModel}
        </span>
        <button
          type="button"
          className="link"
          aria-expanded={open}
          aria-controls={tableId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide details' : 'Per model'}
        </button>
      </p>
      {/* A live region around the list (a list with role="status" would stop being a list). */}
      <div role="status">
        {warnings.length > 0 ? (
          <ul className="forecast-warnings" data-testid="forecast-warning">
            {warnings.map((w) => (
              <li key={w}>⚠ {w} Sending will ask to confirm.</li>
            ))}
          </ul>
        ) : null}
      </div>
      <div id={tableId} hidden={!open}>
        {open ? <ForecastTable forecast={forecast} caption="Forecast per model" /> : null}
      </div>
    </div>
  );
}
