import type { PaneEvent } from '@mlb/contracts';

import { formatEventId, newEpoch, parseEventId } from './event-id';

export interface LoggedEvent {
  id: string;
  seq: number;
  event: PaneEvent;
}

interface SessionLog {
  events: LoggedEvent[];
  listeners: Set<(entry: LoggedEvent) => void>;
  lastActivity: number;
  /** Events with seq <= this are not in the log (trimmed, or before the log existed). */
  knownAfterSeq: number;
}

export interface EventHubOptions {
  /** Events kept per session for replay; older resumes get a snapshot instead. */
  maxEventsPerSession?: number;
  /** A session log with no listeners and no activity for this long is dropped. */
  idleMs?: number;
  now?: () => number;
}

export type ResumePlan =
  /** Replay these logged events (all after the client's last id). */
  | { kind: 'replay'; events: LoggedEvent[] }
  /** The client's position is unknown here (other process, or evicted): send a snapshot. */
  | { kind: 'snapshot'; atSeq: number };

/**
 * Per-session append-only event log with live fan-out. Publishing is synchronous, so a
 * subscriber that attaches and reads the log in the same tick sees every event exactly once.
 */
export class EventHub {
  readonly epoch = newEpoch();
  private seq = 0;
  private readonly sessions = new Map<string, SessionLog>();
  private readonly maxEvents: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(options: EventHubOptions = {}) {
    this.maxEvents = options.maxEventsPerSession ?? 20_000;
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  get currentSeq(): number {
    return this.seq;
  }

  /** The id of the latest event: a subscriber resuming from it gets every event published after. */
  headId(_sessionId: string): string {
    return formatEventId(this.epoch, this.seq);
  }

  publish(event: PaneEvent): LoggedEvent {
    const log = this.logFor(event.sessionId);
    this.seq += 1;
    const entry: LoggedEvent = { id: formatEventId(this.epoch, this.seq), seq: this.seq, event };
    log.events.push(entry);
    if (log.events.length > this.maxEvents) {
      const dropped = log.events.splice(0, log.events.length - this.maxEvents);
      log.knownAfterSeq = dropped[dropped.length - 1]!.seq;
    }
    log.lastActivity = this.now();
    for (const listener of log.listeners) listener(entry);
    return entry;
  }

  /** Attach a listener; returns the detach function. */
  listen(sessionId: string, listener: (entry: LoggedEvent) => void): () => void {
    const log = this.logFor(sessionId);
    log.listeners.add(listener);
    return () => {
      log.listeners.delete(listener);
      log.lastActivity = this.now();
    };
  }

  /** What a subscriber that last saw `lastEventId` needs before following live events. */
  planResume(sessionId: string, lastEventId: string | null | undefined): ResumePlan {
    const parsed = parseEventId(lastEventId);
    if (!parsed || parsed.epoch !== this.epoch || parsed.seq > this.seq)
      return { kind: 'snapshot', atSeq: this.seq };
    const log = this.logFor(sessionId);
    if (parsed.seq < log.knownAfterSeq) return { kind: 'snapshot', atSeq: this.seq };
    return { kind: 'replay', events: log.events.filter((e) => e.seq > parsed.seq) };
  }

  listenerCount(): number {
    let count = 0;
    for (const log of this.sessions.values()) count += log.listeners.size;
    return count;
  }

  forget(sessionId: string): void {
    const log = this.sessions.get(sessionId);
    if (log && log.listeners.size === 0) this.sessions.delete(sessionId);
  }

  /** Drops idle logs; call periodically. `isActive` keeps sessions with running panes. */
  sweep(isActive: (sessionId: string) => boolean): number {
    let dropped = 0;
    const cutoff = this.now() - this.idleMs;
    for (const [sessionId, log] of this.sessions) {
      if (log.listeners.size === 0 && log.lastActivity < cutoff && !isActive(sessionId)) {
        this.sessions.delete(sessionId);
        dropped += 1;
      }
    }
    return dropped;
  }

  private logFor(sessionId: string): SessionLog {
    let log = this.sessions.get(sessionId);
    if (!log) {
      log = { events: [], listeners: new Set(), lastActivity: this.now(), knownAfterSeq: this.seq };
      this.sessions.set(sessionId, log);
    }
    return log;
  }
}
