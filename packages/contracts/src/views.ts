import type { PaneErrorInfo } from './errors';
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
