import type { PaneState, StatusEvent } from '@mlb/contracts';

import type { LoggedEvent } from './event-log';

type End = NonNullable<StatusEvent['data']['end']>;

/** One answer as its events tell it. */
export interface FoldedAnswer {
  paneId: string;
  messageId: string;
  /** The log holds the answer from its first event (its `queued` status), so its text is whole. */
  whole: boolean;
  state: PaneState;
  content: string;
  end: End | null;
  /** The last `saved` flag its events carried, if any. */
  saved: boolean | undefined;
}

/**
 * Replays events into the state of each answer they belong to, the way a client folds them: what
 * a snapshot says about answers whose events the subscriber missed, on any instance (the log is
 * the only place that knows an answer another process is streaming). Returns the answers by
 * message id, and each pane's latest answer.
 */
export function foldAnswers(events: readonly LoggedEvent[]): {
  answers: Map<string, FoldedAnswer>;
  latestByPane: Map<string, FoldedAnswer>;
} {
  const answers = new Map<string, FoldedAnswer>();
  const latestByPane = new Map<string, FoldedAnswer>();
  for (const { event } of events) {
    let answer = answers.get(event.messageId);
    if (!answer) {
      answer = {
        paneId: event.paneId,
        messageId: event.messageId,
        whole: event.type === 'status' && event.data.state === 'queued',
        state: 'queued',
        content: '',
        end: null,
        saved: undefined,
      };
      answers.set(event.messageId, answer);
      latestByPane.set(event.paneId, answer);
    }
    switch (event.type) {
      case 'token':
        answer.content += event.data.token;
        answer.state = 'streaming';
        break;
      case 'status':
        answer.state = event.data.state;
        if (event.data.content !== undefined) answer.content = event.data.content;
        if (event.data.saved !== undefined) answer.saved = event.data.saved;
        if (event.data.end) answer.end = event.data.end;
        break;
      case 'final':
        answer.content = event.data.content;
        answer.end = {
          error: null,
          metrics: null,
          ...answer.end,
          reason: event.data.reason,
          providerFinishReason: event.data.providerFinishReason,
        };
        break;
      case 'error': {
        const { partialContent: _partial, ...error } = event.data;
        answer.end = {
          reason: 'error',
          providerFinishReason: null,
          metrics: null,
          ...answer.end,
          error,
        };
        break;
      }
      case 'meter':
        answer.end = {
          reason: 'done',
          providerFinishReason: null,
          error: null,
          ...answer.end,
          metrics: event.data,
        };
        break;
    }
  }
  return { answers, latestByPane };
}
