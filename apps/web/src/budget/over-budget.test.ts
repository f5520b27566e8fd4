import { describe, expect, it } from 'vitest';

import { overBudgetForecast } from './over-budget';

describe('overBudgetForecast', () => {
  const forecast = { models: [], total: {}, budgets: [], overBudget: true };

  it('finds the forecast of a CONFLICT refusal over budget', () => {
    expect(overBudgetForecast({ data: { code: 'CONFLICT', overBudget: { forecast } } })).toBe(
      forecast,
    );
  });

  it('is null for any other error', () => {
    expect(overBudgetForecast({ data: { code: 'CONFLICT', overBudget: null } })).toBeNull();
    expect(
      overBudgetForecast({ data: { code: 'BAD_REQUEST', overBudget: { forecast } } }),
    ).toBeNull();
    expect(overBudgetForecast(new Error('dropped'))).toBeNull();
    expect(overBudgetForecast(null)).toBeNull();
  });
});
