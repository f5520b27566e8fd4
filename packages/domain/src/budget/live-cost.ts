import type { Usage } from '@mlb/contracts';
import type { ChatMessage } from '@mlb/providers';

import { estimateUsage } from '../metering/count-tokens';

/** What one answer costs, as the provider registry prices it (null: no price known). */
export type PriceOf = (usage: Usage) => number | null;

/** Output tokens a marginal price is measured over: enough that rounding cannot matter. */
const PROBE_TOKENS = 1_000_000;

/**
 * An answer's cost while it streams: its input (counted once, as the meter estimates it) plus its
 * output tokens so far. Prices can depend on the input's size (Gemini's long-prompt tier), never on
 * how many tokens came out so far, so two lookups when the answer starts give the price of every
 * token after: the registry's lookup is too slow to make per token for 24 answers at once.
 */
export class LiveCost {
  readonly inputTokens: number;
  /** USD of the input alone; null when the model has no known price. */
  readonly inputUsd: number | null;
  /** USD per output token. */
  readonly outputUsdPerToken: number | null;

  constructor(price: PriceOf, history: readonly ChatMessage[]) {
    this.inputTokens = estimateUsage(history, '').inputTokens;
    const input = price({ inputTokens: this.inputTokens, outputTokens: 0 });
    const probe = price({ inputTokens: this.inputTokens, outputTokens: PROBE_TOKENS });
    this.inputUsd = input;
    this.outputUsdPerToken =
      input === null || probe === null ? null : Math.max(0, probe - input) / PROBE_TOKENS;
  }

  /** USD after `outputTokens` tokens of answer; null when the price is unknown. */
  at(outputTokens: number): number | null {
    if (this.inputUsd === null || this.outputUsdPerToken === null) return null;
    return this.inputUsd + outputTokens * this.outputUsdPerToken;
  }
}
