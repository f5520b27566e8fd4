import { z } from 'zod';

import { usdSchema, type BudgetStanding } from './budget';
import { idSchema } from './ids';
import { modelSelectionSchema, promptSchema } from './inputs';
import { LIMITS } from './limits';

export const forecastInput = z.object({
  prompt: promptSchema,
  models: z
    .array(modelSelectionSchema)
    .min(1, 'Pick at least one model.')
    .max(LIMITS.panesPerBroadcast, `At most ${LIMITS.panesPerBroadcast} models per broadcast.`),
  /** The session the prompt would continue: each model's pane thread is sent again, and counts. */
  sessionId: idSchema.optional(),
  /** The budget the broadcast would be given (broadcast.create's `budgetUsd`). */
  budgetUsd: usdSchema.optional(),
});
export type ForecastInput = z.infer<typeof forecastInput>;

/**
 * Where a forecast's most output tokens come from: the model's `params.maxTokens`, or, when none
 * is set, the stated default (FORECAST_DEFAULT_MAX_OUTPUT_TOKENS; the provider's own limit is not
 * known here).
 */
export type MaxOutputSource = 'params' | 'default';

/** Output tokens a forecast assumes at most when the model's parameters set no maxTokens. */
export const FORECAST_DEFAULT_MAX_OUTPUT_TOKENS = 4_096;

/** What one model's answer would cost at least and at most, before it is sent. */
export interface ModelForecast {
  providerId: string;
  modelId: string;
  /** The session's pane the model would answer in (its thread is sent again); null for a new pane. */
  paneId: string | null;
  /** Everything sent: system prompt, the pane's thread and the prompt, with message framing. */
  inputTokens: number;
  /** The prompt's text alone. */
  promptTokens: number;
  /** The rest of the input: system prompt, thread and framing. */
  threadTokens: number;
  maxOutputTokens: number;
  maxOutputSource: MaxOutputSource;
  /** USD per million tokens; null when no price is known for the model. */
  inputPricePerMTok: number | null;
  outputPricePerMTok: number | null;
  /** USD for the input alone (an empty answer); null when the price is unknown. */
  minCostUsd: number | null;
  /** USD when the answer uses every output token it may; null when the price is unknown. */
  maxCostUsd: number | null;
}

export interface Forecast {
  /** In the order of the input's models. */
  models: ModelForecast[];
  total: {
    inputTokens: number;
    /** Sums over the models with a known price. */
    minCostUsd: number;
    maxCostUsd: number;
    /** Models whose price is unknown, left out of the sums. */
    unknownPrices: number;
  };
  /** Every budget that applies, and whether the worst case (total max cost) crosses it. */
  budgets: (BudgetStanding & { exceeded: boolean })[];
  /** The worst case crosses a budget: broadcast.create refuses it unless `confirmOverBudget`. */
  overBudget: boolean;
}

/** Sent with the CONFLICT error of a broadcast whose forecast crosses a budget. */
export interface OverBudgetDetails {
  forecast: Forecast;
}
