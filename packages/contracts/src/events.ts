import type { PaneErrorInfo } from './errors';
import type { Citation } from './fuse';
import type { AnswerMetrics } from './metrics';
import type { EndReason, PaneState } from './states';
import type { MessageView, PaneView } from './views';

interface EventBase {
  sessionId: string;
  paneId: string;
  /** The assistant message this event belongs to. */
  messageId: string;
}

/** An answer while it streams: how far it has got (sent with a token event a few times a second). */
export interface StreamProgress {
  /** Output tokens so far, counted from the text with a tokenizer (the provider tells only at the end). */
  outputTokens: number;
  /** Since the request was sent. */
  elapsedMs: number;
  /** Output tokens per second since the first token; null until there are two measurements apart. */
  tokensPerSecond: number | null;
  /** Time to first token, ms; null before it. */
  ttftMs?: number | null;
  /** USD so far: the input and the output tokens so far at the model's price; null when unknown. */
  costUsd?: number | null;
}

export interface TokenEvent extends EventBase {
  type: 'token';
  /** One or more coalesced text deltas, in order; `progress` at most a few times a second. */
  data: { token: string; progress?: StreamProgress };
}

export interface FinalEvent extends EventBase {
  type: 'final';
  data: {
    content: string;
    reason: EndReason;
    providerFinishReason: string | null;
    /** A fused answer's citations, parsed from its text as it ended. */
    citations?: Citation[];
  };
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
    /**
     * Whether an ended answer is in the database. Sent as false when its save failed (the
     * workspace keeps retrying; the answer is shown but would not survive a restart yet), and as
     * true when a save that had failed succeeds. Absent: saved as usual.
     */
    saved?: boolean;
    /**
     * How an ended answer ended: in a snapshot (a late or resuming subscriber that missed the
     * `final`, `error` and `meter` events), so no client waits for an event that will not come.
     */
    end?: {
      reason: EndReason;
      providerFinishReason: string | null;
      error: PaneErrorInfo | null;
      metrics: (AnswerMetrics & { tokensUsed: number }) | null;
    };
  };
}

export type PaneEvent = TokenEvent | FinalEvent | MeterEvent | ErrorEvent | StatusEvent;
export type PaneEventType = PaneEvent['type'];

/** A pane event with its id in the session's event log: the id a client resumes after. */
export interface LoggedPaneEvent {
  id: string;
  event: PaneEvent;
}
