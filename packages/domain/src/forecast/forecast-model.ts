import {
  FORECAST_DEFAULT_MAX_OUTPUT_TOKENS,
  type MessageView,
  type ModelForecast,
  type ModelParams,
} from '@mlb/contracts';

import { LiveCost, type PriceOf } from '../budget/live-cost';
import type { LaunchTarget } from '../launch-answers';
import { countTokens } from '../metering/count-tokens';
import { buildChatHistory } from '../thread';

/** One answer about to be asked for: the model, and what it would be sent. */
export interface ForecastTarget {
  providerId: string;
  modelId: string;
  params: ModelParams;
  systemPrompt: string | null;
  /** The existing pane it would answer in; null for a new pane. */
  paneId: string | null;
  /** The pane's thread before the prompt. */
  thread: MessageView[];
  /** The new user turn; null to answer the thread as it is (a retry). */
  prompt: string | null;
}

/** The prompt as the thread would hold it: what buildChatHistory reads of a message. */
export function promptMessage(prompt: string): MessageView {
  const now = new Date().toISOString();
  return {
    id: 'forecast',
    paneId: 'forecast',
    broadcastId: null,
    role: 'user',
    content: prompt,
    status: 'complete',
    error: null,
    finishReason: null,
    endReason: null,
    metrics: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Per million tokens, without the float noise of a division (0.15000000000000002). */
const perMTok = (usdPerToken: number) => Number((usdPerToken * 1_000_000).toPrecision(12));

/**
 * What an answer would cost at least (its input alone) and at most (every output token it may
 * use), counted with the tokenizer the meter uses and priced as the registry will bill it.
 */
export function forecastModel(target: ForecastTarget, price: PriceOf): ModelForecast {
  const thread =
    target.prompt === null ? target.thread : [...target.thread, promptMessage(target.prompt)];
  const cost = new LiveCost(price, buildChatHistory(thread, target.systemPrompt));
  const promptTokens = target.prompt === null ? 0 : countTokens(target.prompt);
  const fromParams = target.params.maxTokens;
  const maxOutputTokens = fromParams ?? FORECAST_DEFAULT_MAX_OUTPUT_TOKENS;
  const rates = cost.rates();
  return {
    providerId: target.providerId,
    modelId: target.modelId,
    paneId: target.paneId,
    inputTokens: cost.inputTokens,
    promptTokens,
    threadTokens: cost.inputTokens - promptTokens,
    maxOutputTokens,
    maxOutputSource: fromParams === undefined ? 'default' : 'params',
    inputPricePerMTok: rates && perMTok(rates.inputUsd / cost.inputTokens),
    outputPricePerMTok: rates && perMTok(rates.outputUsdPerToken),
    minCostUsd: cost.at(0),
    maxCostUsd: cost.at(maxOutputTokens),
  };
}

/** What a launch target would be sent, as a forecast counts it. */
export const forecastTarget = (
  target: Pick<LaunchTarget, 'pane' | 'isNew' | 'thread' | 'prompt'>,
): ForecastTarget => ({
  providerId: target.pane.providerId,
  modelId: target.pane.modelId,
  params: target.pane.params,
  systemPrompt: target.pane.systemPrompt,
  paneId: target.isNew ? null : target.pane.id,
  thread: target.thread,
  prompt: target.prompt,
});
