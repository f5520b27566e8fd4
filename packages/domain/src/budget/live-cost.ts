import type { Usage } from '@mlb/contracts';
import type { ChatMessage } from '@mlb/providers';

import { estimateUsage } from '../metering/count-tokens';

/** What one answer costs, as the provider registry prices it (null: no price known). */
export type PriceOf = (usage: Usage) => number | null;

/** Output tokens a marginal price is measured over: enough that rounding cannot matter. */
const PROBE_TOKENS = 1_000_000;

export interface Rates {
  /** USD of the input alone. */
  inputUsd: number;
  outputUsdPerToken: number;
}

/**
 * An answer's cost while it streams: its input (counted as the meter estimates it) plus its output
 * tokens so far. Prices can depend on the input's size (Gemini's long-prompt tier), never on how
 * many tokens came out so far, so two lookups give the price of every token after: the registry's
 * lookup is too slow to make per token for 24 answers at once.
 *
 * Nothing is computed until asked: counting a long thread is the costly part, it must not delay an
 * answer's request, and a free or unpriced model never needs it for its cost.
 */
export class LiveCost {
  private counted: number | undefined;
  private known: Rates | null | undefined;

  constructor(
    private readonly price: PriceOf,
    private readonly history: readonly ChatMessage[],
  ) {}

  /** The input's tokens, counted once. */
  get inputTokens(): number {
    this.counted ??= estimateUsage(this.history, '').inputTokens;
    return this.counted;
  }

  /** The input's cost and the price per output token; null when the model has no known price. */
  rates(): Rates | null {
    if (this.known !== undefined) return this.known;
    const probe = this.price({ inputTokens: 1, outputTokens: 1 });
    if (probe === null || probe === 0) {
      this.known = probe === null ? null : { inputUsd: 0, outputUsdPerToken: 0 };
      return this.known;
    }
    const input = this.price({ inputTokens: this.inputTokens, outputTokens: 0 });
    const most = this.price({ inputTokens: this.inputTokens, outputTokens: PROBE_TOKENS });
    this.known =
      input === null || most === null
        ? null
        : { inputUsd: input, outputUsdPerToken: Math.max(0, most - input) / PROBE_TOKENS };
    return this.known;
  }

  /** USD after `outputTokens` tokens of answer; null when the price is unknown. */
  at(outputTokens: number): number | null {
    const rates = this.rates();
    return rates && rates.inputUsd + outputTokens * rates.outputUsdPerToken;
  }
}
