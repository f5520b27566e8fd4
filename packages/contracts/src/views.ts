import type { PaneErrorInfo } from './errors';
import type { Citation, FuseRequest } from './fuse';
import type { ModelParams } from './inputs';
import type { AnswerMetrics, MetricsTotals } from './metrics';
import type { EndReason, MessageStatus, PaneState } from './states';

/** Read models returned by the API; dates are ISO strings so every transport agrees. */
export interface MessageView {
  id: string;
  paneId: string;
  broadcastId: string | null;
  role: 'user' | 'assistant' | 'system' | 'context';
  content: string;
  status: MessageStatus;
  error: PaneErrorInfo | null;
  /** The provider's own finish reason (e.g. "stop", "SAFETY"), when it sent one. */
  finishReason: string | null;
  /** Why the answer ended, in the workspace's words; null while it streams, and for non-answers. */
  endReason: EndReason | null;
  metrics: AnswerMetrics | null;
  createdAt: string;
  updatedAt: string;
  /** A message sent from another pane (send-to): which pane, and which of its answers when known. */
  source?: MessageSource;
  /** A fused answer: the answers each paragraph came from (set once the answer has ended). */
  citations?: Citation[];
  /** A fusion's prompt: what was asked, compactly (show it instead of `content`). */
  fuse?: FuseRequest;
}

export interface MessageSource {
  paneId: string;
  /** The answer sent; null when the text was given (a selection) rather than taken from an answer. */
  messageId: string | null;
}

export interface PaneView {
  id: string;
  sessionId: string;
  providerId: string;
  modelId: string;
  kind: 'chat' | 'summary';
  params: ModelParams;
  systemPrompt: string | null;
  position: number;
  simulated: boolean;
  createdAt: string;
}

export interface PaneDetail extends PaneView {
  state: PaneState;
  messages: MessageView[];
  totals: MetricsTotals;
}

export interface SessionSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  paneCount: number;
}

export interface SessionDetail extends SessionSummary {
  panes: PaneDetail[];
  totals: MetricsTotals;
  /** USD for all of the session's answers together (sessions.setBudget); absent or null: none. */
  budgetUsd?: number | null;
}

export interface SessionsPage {
  items: SessionSummary[];
  nextCursor: string | null;
}

export interface BroadcastResult {
  sessionId: string;
  broadcastId: string;
  panes: { paneId: string; providerId: string; modelId: string; messageId: string }[];
  /**
   * Subscribe to `sessions.events` with this id and every event of this work is replayed from its
   * first, exactly once, however late the subscription comes (while the event log holds it).
   */
  lastEventId: string;
}

export interface RunResult {
  sessionId: string;
  broadcastId: string;
  paneId: string;
  messageId: string;
  /** As in BroadcastResult: subscribe with it to get this answer's events from the first. */
  lastEventId: string;
}

export interface SendToResult {
  /** The answers started (prompt mode); empty in context mode. */
  runs: RunResult[];
  /** The context messages added (context mode). */
  contextMessageIds: string[];
  /** Subscribe with it to get every event of this send-to from the first. */
  lastEventId: string;
}
