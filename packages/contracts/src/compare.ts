import type { PaneErrorInfo } from './errors';
import type { FuseTemplate } from './fuse';
import type { AnswerMetrics } from './metrics';
import type { EndReason, MessageStatus } from './states';
import type { PaneView } from './views';
import type { VoteView } from './votes';

/** The metric columns of a comparison, and which way is better. */
export type CompareMetric = 'cost' | 'ttftMs' | 'tokensPerSecond' | 'latencyMs' | 'outputTokens';

export const COMPARE_METRICS: readonly {
  key: CompareMetric;
  label: string;
  better: 'lower' | 'higher';
}[] = [
  { key: 'cost', label: 'Cost', better: 'lower' },
  { key: 'ttftMs', label: 'TTFT', better: 'lower' },
  { key: 'tokensPerSecond', label: 'Tokens/s', better: 'higher' },
  { key: 'latencyMs', label: 'Latency', better: 'lower' },
  // Fewer tokens for the same question: the more concise (and cheaper) answer.
  { key: 'outputTokens', label: 'Output tokens', better: 'lower' },
];

/** One pane's latest answer to a turn (a retry replaces the answer it retried). */
export interface CompareAnswer {
  paneId: string;
  messageId: string;
  providerId: string;
  modelId: string;
  /** The text so far while it streams. */
  content: string;
  status: MessageStatus;
  endReason: EndReason | null;
  error: PaneErrorInfo | null;
  metrics: AnswerMetrics | null;
  /** The race: 1 for the complete answer that finished first (by latency), 2 next…; null otherwise. */
  finishRank: number | null;
}

/** A turn: one prompt answered side by side. */
export interface CompareTurn {
  broadcastId: string;
  /** broadcast: broadcast.create; prompt: panes.prompt (one pane); send_to: another pane's answer as the prompt. */
  kind: 'broadcast' | 'prompt' | 'send_to';
  prompt: string;
  createdAt: string;
  /** By pane position. */
  answers: CompareAnswer[];
  /**
   * Per metric, the panes holding the best value among the complete answers that have it (several
   * on a tie; empty when none has it).
   */
  best: Record<CompareMetric, string[]>;
  /** Blind mode's names, the same on every load: `order` is the shuffled pane order, `labels` each pane's "Model A", "Model B"… */
  blind: { order: string[]; labels: Record<string, string> };
  /** The user's vote on this turn, if any. */
  vote: VoteView | null;
  /** Fusions made from this turn's answers. */
  fusions: { paneId: string; messageId: string; template: FuseTemplate }[];
  /** USD of the turn's answers with a known price, and how many had none. */
  cost: { totalUsd: number; unknownPrices: number };
}

/** compare.get: every turn of a session, with the answers side by side. */
export interface CompareView {
  sessionId: string;
  title: string;
  panes: PaneView[];
  /** Oldest first. */
  turns: CompareTurn[];
}
