import type { PaneEvent } from '@mlb/contracts';

/** An event as a session's log holds it: its id is the log's, stable for as long as the log keeps it. */
export interface LoggedEvent {
  id: string;
  event: PaneEvent;
}

/**
 * What following a session yields: the events after the subscriber's position, in order, then
 * live ones, in batches: whatever was published while the follower was away (one turn of the
 * event loop, typically the panes whose flushes share a timer) comes as one batch, so one
 * message can carry it to the client. When the position cannot be served (an id from another
 * log, one trimmed away, or none), a `gap` comes first: the log's position at that moment, after
 * which events continue. When the session is deleted (`forget`), `deleted` comes last.
 */
export type FollowItem =
  | { events: LoggedEvent[] }
  | { gap: true; at: string }
  /** The session was deleted (on any instance): nothing follows. */
  | { deleted: true };

/** The most events one batch carries: a long replay goes out in bounded messages. */
export const MAX_BATCH = 500;

/** Takes up to MAX_BATCH events off the front of `queue`. */
export const takeBatch = <T>(queue: T[]): T[] =>
  queue.length <= MAX_BATCH ? queue.splice(0) : queue.splice(0, MAX_BATCH);

export interface EventLogHealth {
  backend: 'memory' | 'redis';
  ok: boolean;
  error: string | null;
}

/**
 * The live events of every session: one append-only log per session, read by any number of
 * followers. Two implementations: in memory (one process, nothing to install) and Redis Streams
 * (any number of processes; ids valid on every instance and across restarts).
 */
export interface EventLog {
  readonly backend: 'memory' | 'redis';
  /** Appends an event to its session's log. Events of one process keep their order. */
  publish(event: PaneEvent): void;
  /** The id of the session's latest event: following from it yields everything published later. */
  head(sessionId: string): Promise<string>;
  /** The session's events after `afterId`, then live ones, until `signal` aborts. */
  follow(
    sessionId: string,
    afterId: string | null | undefined,
    signal: AbortSignal,
  ): AsyncIterable<FollowItem>;
  /** Every event the log still holds for the session up to and including `upTo`, oldest first. */
  range(sessionId: string, upTo: string): Promise<LoggedEvent[]>;
  /** Drops a deleted session's log; its followers, on every instance, end with `deleted`. */
  forget(sessionId: string): Promise<void>;
  /** Followers attached in this process. */
  listenerCount(): number;
  health(): Promise<EventLogHealth>;
  close(): Promise<void>;
}

/** Snapshot ids name the log position they describe plus `-s<n>`: resuming from one resumes at it. */
export const snapshotId = (at: string, index: number): string => `${at}-s${index}`;

/** The log position an id names (a snapshot id names the position it was taken at). */
export const positionOf = (id: string): string => id.replace(/-s\d+$/, '');
