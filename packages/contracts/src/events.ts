import type { PaneErrorInfo } from './errors';
import type { AnswerMetrics } from './metrics';
import type { EndReason, PaneState } from './states';
import type { MessageView, PaneView } from './views';

interface EventBase {
  sessionId: string;
  paneId: string;
  /** The assistant message this event belongs to. */
  messageId: string;
}

export interface TokenEvent extends EventBase {
  type: 'token';
  /** One or more coalesced text deltas, in order. */
  data: { token: string };
}

export interface FinalEvent extends EventBase {
  type: 'final';
  data: { content: string; reason: EndReason; providerFinishReason: string | null };
}

export interface MeterEvent extends EventBase {
  type: 'meter';
  data: AnswerMetrics & { tokensUsed: number };
}

export interface ErrorEvent extends EventBase {
  type: 'error';
  data: PaneErrorInfo & { partialContent: string };
}

export interface StatusEvent extends EventBase {
  type: 'status';
  data: {
    state: PaneState;
    /** Set when a pane is created or changes (a new pane from summarize, a follow-up broadcast). */
    pane?: PaneView;
    /** The user message that started this answer, when it starts. */
    userMessage?: MessageView;
    /** Text streamed so far: sent to late subscribers of a running pane and after a replay gap. */
    content?: string;
    /** Retry attempt in progress (before any token reached the user). */
    retry?: { attempt: number; delayMs: number; reason: string };
  };
}

export type PaneEvent = TokenEvent | FinalEvent | MeterEvent | ErrorEvent | StatusEvent;
export type PaneEventType = PaneEvent['type'];
