import { formatUsd, type BudgetScope, type Forecast, type ModelForecast } from '@mlb/contracts';

import { plural } from '../format';

/** A price that is not known reads as such, never as $0. */
export const PRICE_UNKNOWN = 'price unknown';

const SCOPE_NAMES: Record<BudgetScope, string> = {
  broadcast: 'this broadcast’s budget',
  session: 'the session’s budget',
  monthly: 'this month’s budget',
};

export const scopeName = (scope: BudgetScope): string => SCOPE_NAMES[scope];

/**
 * A forecast amount: three significant digits, as the API's messages write them ($0.00246), since
 * forecasts of short prompts are fractions of a cent; below a millionth of a dollar, "<$0.000001".
 */
export function forecastUsd(usd: number): string {
  if (usd > 0 && usd < 0.000001) return '<$0.000001';
  return formatUsd(usd);
}

/** A model's worst case ("up to $0.00246"), or that its price is unknown. */
export function modelCost(model: ModelForecast): string {
  return model.maxCostUsd === null ? PRICE_UNKNOWN : `up to ${forecastUsd(model.maxCostUsd)}`;
}

/** What the input alone costs and what every output token would add, for a tooltip. */
export function costRange(min: number | null, max: number | null): string | undefined {
  if (min === null || max === null) return undefined;
  return `At least $${min.toFixed(8)} (the input alone), at most $${max.toFixed(8)}`;
}

/** "$0.15 in / $0.6 out per M tokens", or that the price is unknown. */
export function modelPrice(model: ModelForecast): string {
  if (model.inputPricePerMTok === null || model.outputPricePerMTok === null) return PRICE_UNKNOWN;
  const usd = (n: number) => `$${Number(n.toPrecision(4))}`;
  return `${usd(model.inputPricePerMTok)} in / ${usd(model.outputPricePerMTok)} out per M tokens`;
}

/** Where the most output tokens come from, in words. */
export const maxOutputSource = (model: ModelForecast): string =>
  model.maxOutputSource === 'params' ? 'max tokens setting' : 'default';

/**
 * The total of the compact line under the prompt: the worst case of the priced models, and how
 * many could not be priced (left out of the sum, so the line says so rather than look complete).
 */
export function forecastTotal(forecast: Forecast): string {
  const { total } = forecast;
  const priced = forecast.models.length - total.unknownPrices;
  if (priced === 0) return `Forecast: ${PRICE_UNKNOWN}`;
  const unknown =
    total.unknownPrices > 0 ? ` (+ ${plural(total.unknownPrices, 'model')}: ${PRICE_UNKNOWN})` : '';
  return `Forecast: up to ${forecastUsd(total.maxCostUsd)}${unknown}`;
}

/**
 * Each model's worst case, in the order they are asked: "gpt-4o-mini up to $0.00246 · …". At most
 * `shown` of them: the line stays one short line at 24 models (the table has every one).
 */
export function forecastPerModel(forecast: Forecast, shown = 4): string {
  const models = forecast.models.slice(0, shown).map((m) => `${m.modelId} ${modelCost(m)}`);
  const more = forecast.models.length - shown;
  return [...models, ...(more > 0 ? [`${more} more`] : [])].join(' · ');
}

/** One sentence per budget the worst case crosses; empty when it crosses none. */
export function budgetWarnings(forecast: Forecast): string[] {
  return forecast.budgets
    .filter((b) => b.exceeded)
    .map(
      (b) =>
        `Up to ${forecastUsd(forecast.total.maxCostUsd)} is more than the ${formatUsd(b.remainingUsd)} left of ${scopeName(b.scope)} (${formatUsd(b.limitUsd)}).`,
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
