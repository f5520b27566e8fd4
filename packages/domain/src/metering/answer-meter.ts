import type { AnswerMetrics, StreamProgress, Usage } from '@mlb/contracts';
import type { ChatMessage } from '@mlb/providers';

import { countTokens, estimateUsage } from './count-tokens';

/** How often a streaming answer reports its progress: a few times a second, not per token. */
export const PROGRESS_INTERVAL_MS = 250;

/** Tokens per second are reported only for answers that streamed at least this long. */
const MIN_RATE_SECONDS = 0.1;

type Price = (usage: Usage) => number | null;

/**
 * One answer's clock and counters: progress while it streams, metrics when it ends. Tokens so far
 * are counted over the text added since the last report, so each character is tokenized once.
 */
export class AnswerMeter {
  private readonly startedAt: number;
  private firstTokenAt: number | null = null;
  private lastProgressAt: number;
  private counted = 0;
  private countedTokens = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.startedAt = now();
    this.lastProgressAt = this.startedAt;
  }

  get hasFirstToken(): boolean {
    return this.firstTokenAt !== null;
  }

  firstToken(): void {
    this.firstTokenAt ??= this.now();
  }

  private ttftMs(): number | null {
    return this.firstTokenAt === null ? null : Math.round(this.firstTokenAt - this.startedAt);
  }

  /** Progress of `text` (everything so far), or null when the last report is too recent. */
  progress(text: string): StreamProgress | null {
    const now = this.now();
    if (now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return null;
    this.lastProgressAt = now;
    this.countedTokens += countTokens(text.slice(this.counted));
    this.counted = text.length;
    const streaming = this.firstTokenAt === null ? 0 : now - this.firstTokenAt;
    return {
      outputTokens: this.countedTokens,
      elapsedMs: Math.round(now - this.startedAt),
      tokensPerSecond:
        streaming >= PROGRESS_INTERVAL_MS ? this.countedTokens / (streaming / 1000) : null,
      ttftMs: this.ttftMs(),
    };
  }

  /**
   * The answer's metrics. With the provider's usage they are its figures; without it (a stopped,
   * dropped or timed-out stream) tokens are counted from the text and marked as estimated.
   */
  finish(input: {
    usage: Usage | null;
    history: readonly ChatMessage[];
    content: string;
    retries: number;
    price: Price;
  }): AnswerMetrics {
    const endedAt = this.now();
    const estimated = input.usage === null && input.content !== '';
    const usage = input.usage ?? (estimated ? estimateUsage(input.history, input.content) : null);
    const streamSeconds = this.firstTokenAt === null ? 0 : (endedAt - this.firstTokenAt) / 1000;
    return {
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cachedTokens: usage?.cachedTokens ?? 0,
      cost: usage ? input.price(usage) : null,
      ttftMs: this.ttftMs(),
      latencyMs: Math.round(endedAt - this.startedAt),
      // A stream shorter than that says nothing about speed (8 tokens in 4 ms is not 2,000 tokens/s).
      tokensPerSecond:
        usage && streamSeconds >= MIN_RATE_SECONDS ? usage.outputTokens / streamSeconds : null,
      retries: input.retries,
      estimated,
    };
  }
}
