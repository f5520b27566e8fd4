import type { Forecast } from '@mlb/contracts';

import { exactCost, formatCost } from '../format';
import { maxOutputSource, modelPrice, PRICE_UNKNOWN } from './forecast-format';

/** Per model: what it would be sent, the most it may answer, its price and what that costs at most. */
export function ForecastTable({ forecast, caption }: { forecast: Forecast; caption: string }) {
  return (
    <div className="forecast-table-wrap">
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
              <td title={exactCost(m.maxCostUsd)}>
                {m.minCostUsd === null || m.maxCostUsd === null
                  ? PRICE_UNKNOWN
                  : `${formatCost(m.minCostUsd)}–${formatCost(m.maxCostUsd)}`}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>{forecast.total.inputTokens.toLocaleString('en')}</td>
            <td />
            <td>
              {forecast.total.unknownPrices > 0
                ? `${forecast.total.unknownPrices} ${PRICE_UNKNOWN}`
                : ''}
            </td>
            <td data-testid="forecast-total" title={exactCost(forecast.total.maxCostUsd)}>
              {formatCost(forecast.total.minCostUsd)}–{formatCost(forecast.total.maxCostUsd)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
