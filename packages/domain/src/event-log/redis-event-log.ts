import { Redis } from 'ioredis';

import type { PaneEvent } from '@mlb/contracts';
import type { Logger } from '@mlb/logger';

import {
  positionOf,
  takeBatch,
  type EventLog,
  type EventLogHealth,
  type FollowItem,
  type LoggedEvent,
} from './event-log';
import { compareStreamIds, isStreamId, minStreamId } from './stream-ids';

export interface RedisEventLogOptions {
  url: string;
  /** Prepended to every key, so several workspaces (or test runs) can share one Redis. */
  prefix: string;
  /** Events kept per session (approximately: `XADD … MAXLEN ~`); older resumes get a snapshot. */
  maxLen: number;
  /** A session's log expires this long after its last answer event. */
  ttlMs: number;
  logger: Logger;
}

interface Follower {
  key: string;
  /** The last id this follower was given: entries up to it are not given again. */
  lastId: string;
  queue: LoggedEvent[];
  wake: (() => void) | null;
}

/** How long one blocking read waits before it loops (new followers interrupt it at once). */
const BLOCK_MS = 5000;
const READ_COUNT = 1000;

/** RESP2 reply of XRANGE / XREAD entries: [id, [field, value, …]]. */
type Entry = [string, string[]];

function toLogged(entry: Entry): LoggedEvent | null {
  const [id, fields] = entry;
  const json = fields[fields.indexOf('e') + 1];
  if (json === undefined) return null;
  return { id, event: JSON.parse(json) as PaneEvent };
}

/**
 * The event log of every instance: one Redis stream per session (`XADD … MAXLEN ~`), read back
 * with `XRANGE` for snapshots and by one blocking `XREAD` per process for every session its
 * followers follow. Event ids are the stream's ids, so an id given by any instance resumes
 * exactly on any other, and after restarts, while the stream holds it.
 */
export class RedisEventLog implements EventLog {
  readonly backend = 'redis' as const;
  /** Commands, pipelined; publishing order per process is this connection's order. */
  private readonly cmd: Redis;
  /** The blocking reader; it is interrupted with CLIENT UNBLOCK when the set of streams changes. */
  private readonly reader: Redis;
  private readerId: number | null = null;
  private readonly followers = new Set<Follower>();
  private closed = false;
  private readerIdle: (() => void) | null = null;
  private readonly loop: Promise<void>;

  constructor(private readonly options: RedisEventLogOptions) {
    const common = { protocol: 2 as const, lazyConnect: false, enableOfflineQueue: true };
    // Publishing waits for a Redis that is reconnecting instead of dropping events.
    this.cmd = new Redis(options.url, {
      ...common,
      enableAutoPipelining: true,
      maxRetriesPerRequest: null,
    });
    this.reader = new Redis(options.url, { ...common, maxRetriesPerRequest: null });
    for (const connection of [this.cmd, this.reader])
      connection.on('error', (err: Error) =>
        options.logger.warn({ err }, 'redis connection error'),
      );
    this.reader.on('ready', () => {
      void this.reader.call('CLIENT', 'ID').then((id) => (this.readerId = Number(id)));
    });
    this.loop = this.readLoop();
  }

  private key(sessionId: string): string {
    return `${this.options.prefix}session:${sessionId}`;
  }

  publish(event: PaneEvent): void {
    const key = this.key(event.sessionId);
    const json = JSON.stringify(event);
    this.cmd
      .call('XADD', key, 'MAXLEN', '~', String(this.options.maxLen), '*', 'e', json)
      .catch((err: unknown) =>
        this.options.logger.error(
          { err, sessionId: event.sessionId },
          'could not publish an event',
        ),
      );
    // An answer's status changes are rare enough to renew the expiry with.
    if (event.type === 'status')
      this.cmd.call('PEXPIRE', key, String(this.options.ttlMs)).catch(() => undefined);
  }

  async head(sessionId: string): Promise<string> {
    const last = (await this.cmd.call(
      'XREVRANGE',
      this.key(sessionId),
      '+',
      '-',
      'COUNT',
      '1',
    )) as Entry[];
    return last[0]?.[0] ?? '0-0';
  }

  async range(sessionId: string, upTo: string): Promise<LoggedEvent[]> {
    const end = positionOf(upTo);
    if (!isStreamId(end)) return [];
    const events: LoggedEvent[] = [];
    let start = '-';
    for (;;) {
      const page = (await this.cmd.call(
        'XRANGE',
        this.key(sessionId),
        start,
        end,
        'COUNT',
        String(READ_COUNT),
      )) as Entry[];
      for (const entry of page) {
        const logged = toLogged(entry);
        if (logged) events.push(logged);
      }
      if (page.length < READ_COUNT) return events;
      start = `(${page[page.length - 1]![0]}`;
    }
  }

  async *follow(
    sessionId: string,
    afterId: string | null | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<FollowItem> {
    const key = this.key(sessionId);
    let start = afterId ? positionOf(afterId) : null;
    if (start === null || !(await this.holdsAfter(key, start))) {
      start = await this.head(sessionId);
      yield { gap: true, at: start };
    }
    const follower: Follower = { key, lastId: start, queue: [], wake: null };
    this.attach(follower);
    const onAbort = () => follower.wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      while (!signal.aborted && !this.closed) {
        if (follower.queue.length > 0) {
          yield { events: takeBatch(follower.queue) };
          continue;
        }
        await new Promise<void>((resolve) => (follower.wake = resolve));
        follower.wake = null;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.followers.delete(follower);
    }
  }

  /**
   * Whether following from `id` yields every event after it: the id is a stream id this stream
   * has reached (not one from the future or another Redis) and nothing after it was trimmed away.
   */
  private async holdsAfter(key: string, id: string): Promise<boolean> {
    if (!isStreamId(id)) return false;
    let info: unknown[];
    try {
      info = (await this.cmd.call('XINFO', 'STREAM', key)) as unknown[];
    } catch {
      // No stream: only "from the beginning" is a position in it (a session with no events yet).
      return id === '0-0';
    }
    const field = (name: string) => String(info[info.indexOf(name) + 1]);
    if (compareStreamIds(id, field('last-generated-id')) > 0) return false;
    // Trimming (MAXLEN) leaves no record of the ids it removed, only that some were: an id
    // before the first entry kept is then a position the stream may no longer hold.
    const trimmed = Number(field('entries-added')) > Number(field('length'));
    const first = field('recorded-first-entry-id');
    return !(trimmed && isStreamId(first) && compareStreamIds(id, first) < 0);
  }

  private attach(follower: Follower): void {
    const current = [...this.followers].filter((f) => f.key === follower.key).map((f) => f.lastId);
    const before = minStreamId(current);
    this.followers.add(follower);
    // A new stream, or one to read from further back: interrupt the blocking read to include it.
    if (before === null || compareStreamIds(follower.lastId, before) < 0) this.interruptReader();
  }

  private interruptReader(): void {
    if (this.readerIdle) {
      this.readerIdle();
      return;
    }
    if (this.readerId !== null)
      this.cmd.call('CLIENT', 'UNBLOCK', String(this.readerId)).catch(() => undefined);
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      const cursors = new Map<string, string>();
      for (const f of this.followers) {
        const at = cursors.get(f.key);
        if (at === undefined || compareStreamIds(f.lastId, at) < 0) cursors.set(f.key, f.lastId);
      }
      if (cursors.size === 0) {
        await new Promise<void>((resolve) => (this.readerIdle = resolve));
        this.readerIdle = null;
        continue;
      }
      let reply: [string, Entry[]][] | null;
      try {
        reply = (await this.reader.call(
          'XREAD',
          'COUNT',
          String(READ_COUNT),
          'BLOCK',
          String(BLOCK_MS),
          'STREAMS',
          ...cursors.keys(),
          ...cursors.values(),
        )) as [string, Entry[]][] | null;
      } catch (err) {
        if (this.closed) return;
        this.options.logger.warn({ err }, 'reading the event streams failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      for (const [key, entries] of reply ?? []) this.dispatch(key, entries);
    }
  }

  private dispatch(key: string, entries: Entry[]): void {
    const events = entries.map(toLogged).filter((e): e is LoggedEvent => e !== null);
    for (const follower of this.followers) {
      if (follower.key !== key) continue;
      for (const logged of events) {
        if (compareStreamIds(logged.id, follower.lastId) <= 0) continue;
        follower.queue.push(logged);
        follower.lastId = logged.id;
      }
      follower.wake?.();
    }
  }

  async forget(sessionId: string): Promise<void> {
    await this.cmd.call('DEL', this.key(sessionId));
  }

  listenerCount(): number {
    return this.followers.size;
  }

  async health(): Promise<EventLogHealth> {
    try {
      await Promise.race([
        this.cmd.call('PING'),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref(),
        ),
      ]);
      return { backend: 'redis', ok: true, error: null };
    } catch (error) {
      return {
        backend: 'redis',
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const f of this.followers) f.wake?.();
    this.readerIdle?.();
    this.reader.disconnect();
    await this.loop.catch(() => undefined);
    await this.cmd.quit().catch(() => undefined);
  }
}
