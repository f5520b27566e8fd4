import { Redis } from 'ioredis';

import type { PaneEvent } from '@mlb/contracts';
import type { Logger } from '@mlb/logger';

import {
  MAX_BATCH,
  positionOf,
  type EventLog,
  type EventLogHealth,
  type FollowItem,
  type LoggedEvent,
} from './event-log';
import {
  APPEND_SCRIPT,
  DELETED_MESSAGE,
  MAX_APPEND,
  parseLive,
  PendingAppends,
} from './redis-append';
import { compareStreamIds, isStreamId } from './stream-ids';

export interface RedisEventLogOptions {
  url: string;
  /** Prepended to every key, so several workspaces (or test runs) can share one Redis. */
  prefix: string;
  /** Events kept per session (approximately: `XADD … MAXLEN ~`); older resumes get a snapshot. */
  maxLen: number;
  /** A session's log expires this long after its last event. */
  ttlMs: number;
  logger: Logger;
}

interface Follower {
  sessionId: string;
  key: string;
  /** The last id this follower was given: entries up to it are not given again. */
  lastId: string;
  /** What the follower is yet to be given: events, and a gap where the stream lost its place. */
  queue: (LoggedEvent | Gap)[];
  wake: (() => void) | null;
  /**
   * Live events that arrived while the follower reads what it missed from the stream (after it
   * attached, or after the subscriber connection came back); given after that read, past lastId.
   * `null` once the follower is live.
   */
  held: LoggedEvent[] | null;
  /** A read of the stream under way, and whether another was asked for meanwhile. */
  reading: boolean;
  readAgain: boolean;
  gone: boolean;
  /** The session was deleted: after what is queued, the follower ends. */
  deleted: boolean;
}

type Gap = Extract<FollowItem, { gap: true }>;

const READ_COUNT = 1000;

/** The next item for a follower: a gap alone, or up to MAX_BATCH events before the next gap. */
function nextItem(queue: (LoggedEvent | Gap)[]): FollowItem {
  const first = queue[0]!;
  if ('gap' in first) return queue.shift() as Gap;
  let end = 1;
  while (end < queue.length && end < MAX_BATCH && !('gap' in queue[end]!)) end += 1;
  return { events: queue.splice(0, end) as LoggedEvent[] };
}

/** RESP2 reply of XRANGE entries: [id, [field, value, …]]. */
type Entry = [string, string[]];

function toLogged(entry: Entry): LoggedEvent | null {
  const [id, fields] = entry;
  const json = fields[fields.indexOf('e') + 1];
  if (json === undefined) return null;
  return { id, event: JSON.parse(json) as PaneEvent };
}

/** A connection's name in `CLIENT LIST` (Redis refuses spaces in one; a prefix may hold some). */
const connectionName = (prefix: string, role: string) => `${prefix}${role}`.replace(/\s/g, '_');

/** Gives `follower` the events past its position (they are in order: only the first needs a look). */
function deliver(follower: Follower, events: LoggedEvent[]): void {
  if (events.length === 0) return;
  let fresh = events;
  if (compareStreamIds(events[0]!.id, follower.lastId) <= 0)
    fresh = events.filter((e) => compareStreamIds(e.id, follower.lastId) > 0);
  if (fresh.length === 0) return;
  for (const e of fresh) follower.queue.push(e);
  follower.lastId = fresh[fresh.length - 1]!.id;
  follower.wake?.();
}

/**
 * The event log of every instance: one Redis stream per session, which keeps the history (any
 * instance resumes from any id, also after restarts), and a channel per session for live events.
 * A process batches what it publishes in one turn of its event loop into one script call
 * (APPEND_SCRIPT), which appends each event to its stream and publishes each session's share as
 * one message. A follower subscribes to its session's channel, reads the stream from its position
 * (`XRANGE`), then takes the live messages past what it read; after the subscriber connection
 * drops, every follower reads the stream again from where it was, so nothing is lost.
 */
export class RedisEventLog implements EventLog {
  readonly backend = 'redis' as const;
  /** Commands, pipelined; publishing order per process is this connection's order. */
  private readonly cmd: Redis;
  /** Subscribed to the channels of the sessions this process's followers follow. */
  private readonly sub: Redis;
  private readonly followers = new Map<string, Set<Follower>>();
  /** SUBSCRIBE in effect (or under way) on the current subscriber connection, by channel. */
  private readonly subscribed = new Map<string, Promise<unknown>>();
  /** Whether the subscriber connection is up; `generation` counts its drops. */
  private subReady = false;
  private generation = 0;
  private readonly pending = new PendingAppends();
  private appendScheduled = false;
  private closed = false;

  constructor(readonly options: RedisEventLogOptions) {
    const common = { protocol: 2 as const, lazyConnect: false, maxRetriesPerRequest: null };
    // Publishing waits for a Redis that is reconnecting instead of dropping events.
    this.cmd = new Redis(options.url, {
      ...common,
      connectionName: connectionName(options.prefix, 'events'),
      enableAutoPipelining: true,
      enableOfflineQueue: true,
    });
    // Subscriptions are renewed here, followed by a read of what the drop hid (onSubscriberReady).
    this.sub = new Redis(options.url, {
      ...common,
      connectionName: connectionName(options.prefix, 'events-live'),
      autoResubscribe: false,
      enableOfflineQueue: false,
    });
    for (const connection of [this.cmd, this.sub])
      connection.on('error', (err: Error) =>
        options.logger.warn({ err }, 'redis connection error'),
      );
    this.sub.on('ready', () => this.onSubscriberReady());
    this.sub.on('close', () => this.onSubscriberClose());
    this.sub.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  private key(sessionId: string): string {
    return `${this.options.prefix}session:${sessionId}`;
  }

  publish(event: PaneEvent): void {
    this.pending.add(this.key(event.sessionId), JSON.stringify(event));
    if (this.pending.size >= MAX_APPEND) this.append();
    else if (!this.appendScheduled) {
      this.appendScheduled = true;
      setImmediate(this.appendSoon);
    }
  }

  private readonly appendSoon = () => {
    this.appendScheduled = false;
    this.append();
  };

  /** Sends what is pending; every other command calls it first, so it sees what was published. */
  private append(): void {
    if (this.pending.size === 0) return;
    const args = this.pending.take(this.options.maxLen, this.options.ttlMs);
    this.cmd
      .call('EVAL', APPEND_SCRIPT, ...args)
      .catch((err: unknown) =>
        this.options.logger.error({ err, sessions: Number(args[0]) }, 'could not publish events'),
      );
  }

  async head(sessionId: string): Promise<string> {
    this.append();
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
    this.append();
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
    const follower: Follower = {
      sessionId,
      key,
      lastId: start,
      queue: [],
      wake: null,
      held: [],
      reading: false,
      readAgain: false,
      gone: false,
      deleted: false,
    };
    this.attach(follower);
    const onAbort = () => follower.wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      while (!signal.aborted && !this.closed) {
        if (follower.queue.length > 0) {
          yield nextItem(follower.queue);
          continue;
        }
        if (follower.deleted) {
          yield { deleted: true };
          return;
        }
        await new Promise<void>((resolve) => (follower.wake = resolve));
        follower.wake = null;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.detach(follower);
    }
  }

  /**
   * Whether following from `id` yields every event after it: the id is a stream id this stream
   * has reached (not one from the future or another Redis) and nothing after it was trimmed away.
   */
  private async holdsAfter(key: string, id: string): Promise<boolean> {
    if (!isStreamId(id)) return false;
    this.append();
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
    let set = this.followers.get(follower.key);
    if (!set) this.followers.set(follower.key, (set = new Set()));
    set.add(follower);
    if (this.subReady) this.subscribe(follower.key);
    this.readMissed(follower);
  }

  private detach(follower: Follower): void {
    follower.gone = true;
    const set = this.followers.get(follower.key);
    if (!set?.delete(follower) || set.size > 0) return;
    this.followers.delete(follower.key);
    if (this.subscribed.delete(follower.key) && this.subReady)
      this.sub.unsubscribe(follower.key).catch(() => undefined);
  }

  private subscribe(key: string): void {
    if (this.subscribed.has(key)) return;
    const done = this.sub.subscribe(key);
    done.catch(() => undefined); // a drop ends it; onSubscriberReady subscribes again
    this.subscribed.set(key, done);
  }

  /**
   * Reads the follower's stream past its position once its channel's subscription is in effect,
   * then hands it the live events held meanwhile. When the subscriber connection drops during
   * the read, the follower keeps holding: the connection's return reads again.
   */
  private readMissed(follower: Follower): void {
    if (follower.reading) {
      follower.readAgain = true;
      return;
    }
    follower.reading = true;
    void this.catchUp(follower);
  }

  private async catchUp(follower: Follower): Promise<void> {
    try {
      for (;;) {
        follower.readAgain = false;
        if (follower.gone || this.closed) return;
        const generation = this.generation;
        const subscribed = this.subscribed.get(follower.key);
        if (subscribed) {
          try {
            await subscribed;
            await this.readStream(follower);
            if (generation === this.generation && !follower.readAgain) {
              const held = follower.held ?? [];
              follower.held = null;
              deliver(follower, held);
              return;
            }
          } catch (err) {
            if (generation === this.generation && !follower.gone && !this.closed) {
              // Redis refused the read itself (not a drop): try again rather than wait forever.
              this.options.logger.warn({ err }, 'reading an event stream failed; trying again');
              await new Promise((resolve) => setTimeout(resolve, 500));
              continue;
            }
          }
        }
        // Not subscribed (the connection is down): onSubscriberReady asks again.
        if (!follower.readAgain) return;
      }
    } finally {
      follower.reading = false;
    }
  }

  /**
   * Gives the follower the stream's entries past its position. A follower that fell further
   * behind than the stream keeps (MAXLEN) gets a gap at the stream's head instead of a silent
   * skip: its subscriber then sends a snapshot, as for a resume from a trimmed id.
   */
  private async readStream(follower: Follower): Promise<void> {
    this.append();
    for (;;) {
      const after = follower.lastId;
      const page = (await this.cmd.call(
        'XRANGE',
        follower.key,
        after === '0-0' ? '-' : `(${after}`,
        '+',
        'COUNT',
        String(READ_COUNT),
      )) as Entry[];
      // Asked after the read: a stream that holds `after` now held it when it was read.
      const held = await this.holdsAfter(follower.key, after);
      if (follower.gone) return;
      if (!held) {
        const at = await this.head(follower.sessionId);
        follower.queue.push({ gap: true, at });
        follower.lastId = at;
        follower.wake?.();
        return;
      }
      deliver(
        follower,
        page.map(toLogged).filter((e): e is LoggedEvent => e !== null),
      );
      if (page.length < READ_COUNT) return;
    }
  }

  private onSubscriberClose(): void {
    this.subReady = false;
    this.generation += 1;
    this.subscribed.clear();
    // Live events stop until the connection is back: hold what comes then until each follower
    // has read what it missed.
    for (const set of this.followers.values()) for (const f of set) f.held ??= [];
  }

  private onSubscriberReady(): void {
    if (this.closed) return;
    this.subReady = true;
    for (const [key, set] of this.followers) {
      this.subscribe(key);
      for (const f of set) this.readMissed(f);
    }
  }

  private dispatch(channel: string, message: string): void {
    const set = this.followers.get(channel);
    if (!set) return;
    if (message === DELETED_MESSAGE) {
      for (const follower of set) {
        follower.deleted = true;
        follower.wake?.();
      }
      return;
    }
    const events = parseLive(message);
    for (const follower of set) {
      if (follower.held) for (const e of events) follower.held.push(e);
      else deliver(follower, events);
    }
  }

  async forget(sessionId: string): Promise<void> {
    this.append();
    const key = this.key(sessionId);
    await this.cmd.call('DEL', key);
    // Followers on every instance end; one reading the stream meanwhile finds it gone (a gap).
    await this.cmd.call('PUBLISH', key, DELETED_MESSAGE);
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.followers.values()) count += set.size;
    return count;
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
    for (const set of this.followers.values()) for (const f of set) f.wake?.();
    this.sub.disconnect();
    this.append();
    await this.cmd.quit().catch(() => undefined);
  }
}
