import type { PaneErrorInfo } from './errors';
import type { ModelParams } from './inputs';
import type { AnswerMetrics, MetricsTotals } from './metrics';
import type { MessageStatus, PaneState } from './states';

/** Read models returned by the API; dates are ISO strings so every transport agrees. */
export interface MessageView {
  id: string;
  paneId: string;
  broadcastId: string | null;
  role: 'user' | 'assistant' | 'system' | 'context';
  content: string;
  status: MessageStatus;
  error: PaneErrorInfo | null;
  finishReason: string | null;
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
}

export interface RunResult {
  sessionId: string;
  broadcastId: string;
  paneId: string;
  messageId: string;
}
