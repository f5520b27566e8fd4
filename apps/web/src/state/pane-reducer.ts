import type { MeterEvent, PaneErrorInfo, PaneEvent, PaneState } from '@mlb/contracts';

export interface LivePane {
  messageId: string | null;
  text: string;
  state: PaneState;
  error: PaneErrorInfo | null;
  meter: MeterEvent['data'] | null;
  retrying: { attempt: number; delayMs: number } | null;
}

export const emptyPane = (): LivePane => ({ messageId: null, text: '', state: 'idle', error: null, meter: null, retrying: null });

export interface ApplyResult {
  pane: LivePane;
  /** The session's structure changed (new pane, new message): refetch it. */
  structural: boolean;
}

/**
 * Folds one pane event into the pane's live view. Pure: the same events in the same order give the
 * same view; a snapshot (status with content) replaces the text instead of appending to it.
 */
export function applyPaneEvent(current: LivePane, event: PaneEvent): ApplyResult {
  const isNewAnswer = current.messageId !== event.messageId;
  const pane: LivePane = isNewAnswer ? { ...emptyPane(), messageId: event.messageId, state: current.state } : { ...current };
  let structural = false;
  switch (event.type) {
    case 'token':
      pane.text += event.data.token;
      pane.state = 'streaming';
      pane.retrying = null;
      break;
    case 'status':
      if (event.data.content !== undefined) pane.text = event.data.content;
      pane.state = event.data.state;
      pane.retrying = event.data.retry ? { attempt: event.data.retry.attempt, delayMs: event.data.retry.delayMs } : null;
      structural = Boolean(event.data.pane ?? event.data.userMessage) || isNewAnswer;
      break;
    case 'final':
      pane.text = event.data.content;
      break;
    case 'error':
      pane.error = { kind: event.data.kind, message: event.data.message, suggestion: event.data.suggestion, retryable: event.data.retryable };
      break;
    case 'meter':
      pane.meter = event.data;
      break;
  }
  if (['complete', 'stopped', 'error', 'interrupted'].includes(pane.state) && event.type === 'status') structural = true;
  return { pane, structural };
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
