import { describe, expect, it } from 'vitest';

import type { Forecast, ModelForecast } from '@mlb/contracts';

import {
  budgetWarnings,
  costRange,
  forecastPerModel,
  forecastTotal,
  forecastUsd,
  maxOutputSource,
  modelCost,
  modelPrice,
  parseBudget,
} from './forecast-format';

const model = (over: Partial<ModelForecast> = {}): ModelForecast => ({
  providerId: 'litellm',
  modelId: 'gpt-4o-mini',
  paneId: null,
  inputTokens: 7,
  promptTokens: 1,
  threadTokens: 6,
  maxOutputTokens: 4096,
  maxOutputSource: 'default',
  inputPricePerMTok: 0.15,
  outputPricePerMTok: 0.6,
  // 7 × 0.15 / 1e6 and (7 × 0.15 + 4096 × 0.6) / 1e6
  minCostUsd: 0.00000105,
  maxCostUsd: 0.00245865,
  ...over,
});

const unknown = model({
  modelId: 'house-model',
  inputPricePerMTok: null,
  outputPricePerMTok: null,
  minCostUsd: null,
  maxCostUsd: null,
});

const forecast = (models: ModelForecast[], over: Partial<Forecast> = {}): Forecast => ({
  models,
  total: {
    inputTokens: models.reduce((s, m) => s + m.inputTokens, 0),
    minCostUsd: models.reduce((s, m) => s + (m.minCostUsd ?? 0), 0),
    maxCostUsd: models.reduce((s, m) => s + (m.maxCostUsd ?? 0), 0),
    unknownPrices: models.filter((m) => m.maxCostUsd === null).length,
  },
  budgets: [],
  overBudget: false,
  ...over,
});

describe('forecast formatting', () => {
  it('says a model’s worst case, or that its price is unknown', () => {
    expect(modelCost(model())).toBe('up to $0.00246');
    expect(modelCost(unknown)).toBe('price unknown');
  });

  it('shows prices per million tokens without float noise', () => {
    expect(modelPrice(model({ inputPricePerMTok: 0.15000000000000002 }))).toBe(
      '$0.15 in / $0.6 out per M tokens',
    );
    expect(modelPrice(unknown)).toBe('price unknown');
  });

  it('names where the most output tokens come from', () => {
    expect(maxOutputSource(model())).toBe('default');
    expect(maxOutputSource(model({ maxOutputSource: 'params' }))).toBe('max tokens setting');
  });

  it('sums the priced models and counts the unknown ones apart', () => {
    expect(forecastTotal(forecast([model(), model()]))).toBe('Forecast: up to $0.00492');
    expect(forecastTotal(forecast([model(), unknown]))).toBe(
      'Forecast: up to $0.00246 (+ 1 model: price unknown)',
    );
    expect(forecastTotal(forecast([unknown]))).toBe('Forecast: price unknown');
    expect(forecastPerModel(forecast([model(), unknown]))).toBe(
      'gpt-4o-mini up to $0.00246 · house-model price unknown',
    );
    expect(forecastPerModel(forecast([model(), model(), unknown]), 2)).toBe(
      'gpt-4o-mini up to $0.00246 · gpt-4o-mini up to $0.00246 · 1 more',
    );
  });

  it('writes fractions of a cent with three digits, and amounts too small to matter as such', () => {
    expect(forecastUsd(0.0016391)).toBe('$0.00164');
    expect(forecastUsd(1.5)).toBe('$1.50');
    expect(forecastUsd(0)).toBe('$0');
    expect(forecastUsd(4.8e-7)).toBe('<$0.000001');
    expect(costRange(0.00000105, 0.00245865)).toBe(
      'At least $0.00000105 (the input alone), at most $0.00245865',
    );
    expect(costRange(null, null)).toBeUndefined();
  });

  it('warns once per budget the worst case crosses', () => {
    const f = forecast([model()], {
      overBudget: true,
      budgets: [
        { scope: 'session', limitUsd: 0.01, spentUsd: 0.009, remainingUsd: 0.001, exceeded: true },
        { scope: 'monthly', limitUsd: 5, spentUsd: 1, remainingUsd: 4, exceeded: false },
      ],
    });
    expect(budgetWarnings(f)).toEqual([
      'Up to $0.00246 is more than the $0.001 left of the session’s budget ($0.01).',
    ]);
  });
});

describe('parseBudget', () => {
  it('reads dollars with or without a sign, and empty as none', () => {
    expect(parseBudget('', 100)).toEqual({ ok: true, usd: null });
    expect(parseBudget(' $0.50 ', 100)).toEqual({ ok: true, usd: 0.5 });
    expect(parseBudget('.25', 100)).toEqual({ ok: true, usd: 0.25 });
    expect(parseBudget('3', 100)).toEqual({ ok: true, usd: 3 });
  });

  it('refuses what the API would refuse, saying why', () => {
    expect(parseBudget('abc', 100)).toMatchObject({ ok: false, error: /US dollars/ });
    expect(parseBudget('-1', 100)).toMatchObject({ ok: false });
    expect(parseBudget('0', 100)).toMatchObject({ ok: false, error: /more than \$0/ });
    expect(parseBudget('1000', 100)).toMatchObject({ ok: false, error: /at most \$100/ });
  });
});
