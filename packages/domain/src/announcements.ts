import type { InterruptedAnswer } from '@mlb/db';

import type { EventLog } from './event-log/event-log';
import type { EndedAnswer } from './persistence/final-saves';

/*
 * What an answer's subscribers are told by someone other than its run: the run has already sent
 * its end, and these come later (a save that succeeded late) or in its place (a process that died).
 */

/** A final save that had failed has succeeded: the answer shown as "not saved yet" now is. */
export function announceSavedLate(hub: EventLog, answer: EndedAnswer): void {
  const { sessionId, paneId, messageId, finished } = answer;
  hub.publish({
    type: 'status',
    sessionId,
    paneId,
    messageId,
    data: { state: finished.status, saved: true },
  });
}

/** Answers ended because the process streaming them is gone: their end, with the text kept. */
export function announceInterrupted(hub: EventLog, answers: InterruptedAnswer[]): void {
  for (const { sessionId, paneId, messageId, content } of answers) {
    hub.publish({
      type: 'final',
      sessionId,
      paneId,
      messageId,
      data: { content, reason: 'interrupted', providerFinishReason: null },
    });
    hub.publish({
      type: 'status',
      sessionId,
      paneId,
      messageId,
      data: { state: 'interrupted' },
    });
  }
}
