import type {
  Citation,
  EndReason,
  MeterEvent,
  PaneErrorInfo,
  PaneEvent,
  PaneState,
  StreamProgress,
} from '@mlb/contracts';

/** What a pane shows besides its text: the same object until one of these fields changes. */
export interface LiveStatus {
  messageId: string | null;
  state: PaneState;
  /** How the answer ended (a budget stop says so); null while it runs. */
  endReason: EndReason | null;
  error: PaneErrorInfo | null;
  meter: MeterEvent['data'] | null;
  retrying: { attempt: number; delayMs: number } | null;
  /** Tokens so far, elapsed time and speed while the answer streams (a few updates a second). */
  progress: StreamProgress | null;
  /** The answer has ended but the database has not accepted it yet (the server keeps trying). */
  unsaved: boolean;
  /** Whether there is any text yet (the text itself changes with every token). */
  hasText: boolean;
  /** A fused answer's citations, from its final event (the saved message has them too). */
  citations: Citation[] | null;
}

/**
 * A pane's live view. Tokens change only `text` and keep `status`, so views of the status (header,
 * meter, buttons) skip rendering while the answer streams; only the answer's text re-renders.
 */
export interface LivePane {
  status: LiveStatus;
  text: string;
}

const idleStatus: LiveStatus = {
  messageId: null,
  state: 'idle',
  endReason: null,
  error: null,
  meter: null,
  retrying: null,
  progress: null,
  unsaved: false,
  hasText: false,
  citations: null,
};

export const emptyPane = (): LivePane => ({ status: idleStatus, text: '' });

export interface ApplyResult {
  pane: LivePane;
  /** The session's structure changed (new pane, new message): refetch it. */
  structural: boolean;
}

const sameStatus = (a: LiveStatus, b: LiveStatus) =>
  (Object.keys(a) as (keyof LiveStatus)[]).every((key) => a[key] === b[key]);

/**
 * Folds one pane event into the pane's live view. Pure: the same events in the same order give the
 * same view; a snapshot (status with content) replaces the text instead of appending to it.
 */
export function applyPaneEvent(current: LivePane, event: PaneEvent): ApplyResult {
  const isNewAnswer = current.status.messageId !== event.messageId;
  const status: LiveStatus = isNewAnswer
    ? { ...idleStatus, messageId: event.messageId, state: current.status.state }
    : { ...current.status };
  let text = isNewAnswer ? '' : current.text;
  let structural = false;
  switch (event.type) {
    case 'token':
      text += event.data.token;
      status.state = 'streaming';
      status.retrying = null;
      if (event.data.progress) status.progress = event.data.progress;
      break;
    case 'status':
      if (event.data.content !== undefined) text = event.data.content;
      status.state = event.data.state;
      status.retrying = event.data.retry
        ? { attempt: event.data.retry.attempt, delayMs: event.data.retry.delayMs }
        : null;
      structural = Boolean(event.data.pane ?? event.data.userMessage) || isNewAnswer;
      if (event.data.saved !== undefined) status.unsaved = !event.data.saved;
      // A snapshot of an answer that ended before we subscribed: its end instead of the events.
      if (event.data.end) {
        status.endReason = event.data.end.reason;
        status.meter = event.data.end.metrics;
        status.error = event.data.end.error && {
          kind: event.data.end.error.kind,
          message: event.data.end.error.message,
          suggestion: event.data.end.error.suggestion,
          retryable: event.data.end.error.retryable,
        };
      }
      break;
    case 'final':
      text = event.data.content;
      status.citations = event.data.citations ?? null;
      status.endReason = event.data.reason;
      break;
    case 'error':
      status.error = {
        kind: event.data.kind,
        message: event.data.message,
        suggestion: event.data.suggestion,
        retryable: event.data.retryable,
      };
      break;
    case 'meter':
      status.meter = event.data;
      break;
  }
  status.hasText = text !== '';
  if (
    ['complete', 'stopped', 'error', 'interrupted'].includes(status.state) &&
    event.type === 'status'
  )
    structural = true;
  return {
    pane: { status: sameStatus(status, current.status) ? current.status : status, text },
    structural,
  };
}

/** Remembers the tracked ids already applied, so a replay after reconnect never repeats text. */
export class SeenIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 50_000) {}
  /** True the first time an id is seen. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const first = this.ids.values().next().value;
      if (first !== undefined) this.ids.delete(first);
    }
    return true;
  }
}
