/** Token usage as reported by the provider (never estimated unless `estimated` says so). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

/** What one answer cost in tokens, money and time. */
export interface AnswerMetrics {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  /** USD; null when no price is known for the model. */
  cost: number | null;
  /** Time to first token, ms from request start; null when no token arrived. */
  ttftMs: number | null;
  /** Total time from request start to the end of the stream, ms. */
  latencyMs: number;
  /** Output tokens per second measured from first to last token; null when undefined. */
  tokensPerSecond: number | null;
  retries: number;
  /**
   * True when the provider reported no usage (a stopped, dropped or timed-out answer): the token
   * counts come from a tokenizer run over the text, and the cost from those counts.
   */
  estimated: boolean;
}

export interface MetricsTotals {
  answers: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
}
