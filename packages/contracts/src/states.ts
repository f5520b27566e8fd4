/** Lifecycle words shared by events and views (kept apart so neither imports the other). */

export type MessageStatus = 'streaming' | 'complete' | 'stopped' | 'error' | 'interrupted';

/** Pane lifecycle as the UI shows it. */
export type PaneState =
  'idle' | 'queued' | 'streaming' | 'complete' | 'stopped' | 'error' | 'interrupted';

/** Why a stream ended: never a silent end shown as success. */
export type EndReason =
  'done' | 'length' | 'content_filter' | 'stopped' | 'error' | 'timeout' | 'interrupted';
