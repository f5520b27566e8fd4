import type { Forecast } from '@mlb/contracts';

/**
 * The forecast a CONFLICT refusal carries when a request would cross a budget (`data.overBudget`),
 * or null for any other error: only then is "send anyway" a choice.
 */
export function overBudgetForecast(error: unknown): Forecast | null {
  if (typeof error !== 'object' || error === null) return null;
  const data = (error as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return null;
  const { code, overBudget } = data as { code?: unknown; overBudget?: unknown };
  if (code !== 'CONFLICT' || typeof overBudget !== 'object' || overBudget === null) return null;
  const forecast = (overBudget as { forecast?: unknown }).forecast;
  return typeof forecast === 'object' && forecast !== null ? (forecast as Forecast) : null;
}
