import type { Forecast } from '@mlb/contracts';

import { costRange, forecastUsd, maxOutputSource, modelCost, modelPrice } from './forecast-format';

/** Per model: what it would be sent, the most it may answer, its price and what that costs at most. */
export function ForecastTable({ forecast, caption }: { forecast: Forecast; caption: string }) {
  const { total } = forecast;
  return (
    // Focusable: a table wider or taller than its box scrolls, and keyboard users must reach it.
    <div className="forecast-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="forecast-table" data-testid="forecast-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Input tokens</th>
            <th scope="col">Max output tokens</th>
            <th scope="col">Price</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {forecast.models.map((m, i) => (
            <tr key={`${m.providerId}/${m.modelId}/${i}`} data-testid="forecast-row">
              <th scope="row">
                {m.providerId} / {m.modelId}
              </th>
              <td>{m.inputTokens.toLocaleString('en')}</td>
              <td>
                {m.maxOutputTokens.toLocaleString('en')}{' '}
                <span className="muted">({maxOutputSource(m)})</span>
              </td>
              <td>{modelPrice(m)}</td>
              <td title={costRange(m.minCostUsd, m.maxCostUsd)}>{modelCost(m)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>{total.inputTokens.toLocaleString('en')}</td>
            <td />
            <td>{total.unknownPrices > 0 ? `${total.unknownPrices} price unknown` : ''}</td>
            <td data-testid="forecast-total" title={costRange(total.minCostUsd, total.maxCostUsd)}>
              up to {forecastUsd(total.maxCostUsd)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
