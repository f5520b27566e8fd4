import type { PaneEvent } from '@mlb/contracts';

import { formatEventId, newEpoch, parseEventId } from './event-id';
import {
  positionOf,
  takeBatch,
  type EventLog,
  type EventLogHealth,
  type FollowItem,
  type LoggedEvent as LogEntry,
} from './event-log';

interface LoggedEvent extends LogEntry {
  seq: number;
}

interface SessionLog {
  events: LoggedEvent[];
  /** Each gets every event published, then `null` if the session is deleted. */
  listeners: Set<(entry: LoggedEvent | null) => void>;
  lastActivity: number;
  /** Events with seq <= this are not in the log (trimmed, or before the log existed). */
  knownAfterSeq: number;
}

export interface MemoryEventLogOptions {
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
 * The event log of one process: per-session append-only logs in memory with live fan-out. Ids are
 * `<epoch>-<seq>`, meaningful to this process only (a restart gives a new epoch, and a follower
 * with an old id gets a snapshot). Publishing is synchronous, so a follower that attaches and
 * reads the log in the same tick sees every event exactly once.
 */
export class MemoryEventLog implements EventLog {
  readonly backend = 'memory' as const;
  readonly epoch = newEpoch();
  private seq = 0;
  private readonly sessions = new Map<string, SessionLog>();
  private readonly maxEvents: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(options: MemoryEventLogOptions = {}) {
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

  head(sessionId: string): Promise<string> {
    return Promise.resolve(this.headId(sessionId));
  }

  async *follow(
    sessionId: string,
    afterId: string | null | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<FollowItem> {
    const pending: LogEntry[] = [];
    let deleted = false;
    let wake: (() => void) | null = null;
    // Attach and plan in one synchronous step: nothing published in between is missed or repeated.
    const detach = this.listen(sessionId, (entry) => {
      if (entry) pending.push({ id: entry.id, event: entry.event });
      else deleted = true;
      wake?.();
    });
    const onAbort = () => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      const plan = this.planResume(sessionId, afterId ? positionOf(afterId) : null);
      if (plan.kind === 'replay') {
        const missed = plan.events.map(({ id, event }) => ({ id, event }));
        while (missed.length > 0) yield { events: takeBatch(missed) };
      } else {
        yield { gap: true, at: formatEventId(this.epoch, plan.atSeq) };
      }
      while (!signal.aborted) {
        if (pending.length > 0) {
          yield { events: takeBatch(pending) };
          continue;
        }
        if (deleted) {
          yield { deleted: true };
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      detach();
    }
  }

  range(sessionId: string, upTo: string): Promise<LogEntry[]> {
    const parsed = parseEventId(positionOf(upTo));
    const log = this.sessions.get(sessionId);
    if (!parsed || parsed.epoch !== this.epoch || !log) return Promise.resolve([]);
    return Promise.resolve(
      log.events.filter((e) => e.seq <= parsed.seq).map(({ id, event }) => ({ id, event })),
    );
  }

  health(): Promise<EventLogHealth> {
    return Promise.resolve({ backend: 'memory', ok: true, error: null });
  }

  close(): Promise<void> {
    return Promise.resolve();
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
  listen(sessionId: string, listener: (entry: LoggedEvent | null) => void): () => void {
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

  forget(sessionId: string): Promise<void> {
    const log = this.sessions.get(sessionId);
    if (!log) return Promise.resolve();
    this.sessions.delete(sessionId);
    for (const listener of log.listeners) listener(null);
    return Promise.resolve();
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
