import type { PaneEvent } from '@mlb/contracts';

/** A token event of one pane's answer ('p' / 'm'): the event logs' tests publish these. */
export const tokenEvent = (sessionId: string, text: string): PaneEvent => ({
  type: 'token',
  sessionId,
  paneId: 'p',
  messageId: 'm',
  data: { token: text },
});
