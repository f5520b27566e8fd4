/** Lifecycle words shared by events and views (kept apart so neither imports the other). */

export type MessageStatus = 'streaming' | 'complete' | 'stopped' | 'error' | 'interrupted';

/** Pane lifecycle as the UI shows it. */
export type PaneState =
  'idle' | 'queued' | 'streaming' | 'complete' | 'stopped' | 'error' | 'interrupted';

/**
 * Why a stream ended: never a silent end shown as success. `budget`: stopped by the workspace
 * because its cost would have crossed a budget (its text so far is kept, its status is `stopped`).
 */
export type EndReason =
  'done' | 'length' | 'content_filter' | 'stopped' | 'error' | 'timeout' | 'interrupted' | 'budget';
