import type { BudgetScope, Forecast, ModelForecast } from '@mlb/contracts';

import { formatCost, plural } from '../format';

/** A price that is not known reads as such, never as $0. */
export const PRICE_UNKNOWN = 'price unknown';

const SCOPE_NAMES: Record<BudgetScope, string> = {
  broadcast: 'this broadcast’s budget',
  session: 'the session’s budget',
  monthly: 'this month’s budget',
};

export const scopeName = (scope: BudgetScope): string => SCOPE_NAMES[scope];

/** A model's worst case ("up to $0.0025"), or that its price is unknown. */
export function modelCost(model: ModelForecast): string {
  return model.maxCostUsd === null ? PRICE_UNKNOWN : `up to ${formatCost(model.maxCostUsd)}`;
}

/** "$0.15 in / $0.60 out per M tokens", or that the price is unknown. */
export function modelPrice(model: ModelForecast): string {
  if (model.inputPricePerMTok === null || model.outputPricePerMTok === null) return PRICE_UNKNOWN;
  const usd = (n: number) => `$${Number(n.toPrecision(4))}`;
  return `${usd(model.inputPricePerMTok)} in / ${usd(model.outputPricePerMTok)} out per M tokens`;
}

/** Where the most output tokens come from, in words. */
export const maxOutputSource = (model: ModelForecast): string =>
  model.maxOutputSource === 'params' ? 'max tokens setting' : 'default';

/**
 * The compact line under the prompt: the total's range, and how many models could not be priced
 * (they are left out of the sums, so the line says so rather than looking complete).
 */
export function forecastSummary(forecast: Forecast): string {
  const { total } = forecast;
  const priced = forecast.models.length - total.unknownPrices;
  const parts: string[] = [];
  if (priced > 0)
    parts.push(
      `${formatCost(total.minCostUsd)}–${formatCost(total.maxCostUsd)} for ${plural(priced, 'model')}`,
    );
  if (total.unknownPrices > 0)
    parts.push(`${plural(total.unknownPrices, 'model')}: ${PRICE_UNKNOWN}`);
  return `Forecast: ${parts.join(' · ')}`;
}

/** One sentence per budget the worst case crosses; empty when it crosses none. */
export function budgetWarnings(forecast: Forecast): string[] {
  return forecast.budgets
    .filter((b) => b.exceeded)
    .map(
      (b) =>
        `Up to ${formatCost(forecast.total.maxCostUsd)} is more than the ${formatCost(b.remainingUsd)} left of ${scopeName(b.scope)} (${formatCost(b.limitUsd)}).`,
    );
}

/**
 * A budget typed by the user: "" is no budget (null), "$0.50" or "0.5" is 0.5; anything else,
 * or an amount the API would refuse, is an error to show beside the field.
 */
export function parseBudget(
  text: string,
  max: number,
): { ok: true; usd: number | null } | { ok: false; error: string } {
  const trimmed = text.trim().replace(/^\$/, '').trim();
  if (trimmed === '') return { ok: true, usd: null };
  const usd = Number(trimmed);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(trimmed) || !Number.isFinite(usd))
    return { ok: false, error: 'A budget is an amount of US dollars, e.g. 0.50.' };
  if (usd <= 0) return { ok: false, error: 'A budget is more than $0; leave it empty for none.' };
  if (usd > max) return { ok: false, error: `A budget is at most $${max.toLocaleString('en')}.` };
  return { ok: true, usd };
}
