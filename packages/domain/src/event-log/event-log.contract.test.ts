import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

import { silentLogger } from '@mlb/logger';

import { tokenEvent as token } from '../../test/token-event';
import { MAX_BATCH, type EventLog, type FollowItem, type LoggedEvent } from './event-log';
import { MemoryEventLog } from './memory-event-log';
import { RedisEventLog } from './redis-event-log';

/** Redis runs on every machine this project is tested on (README: tests); CI requires it. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test:${randomBytes(4).toString('hex')}:`;

/** What a follower was given, one event at a time (batches flattened, gaps and ends in place). */
type Followed = LoggedEvent | Exclude<FollowItem, { events: LoggedEvent[] }>;
const flatten = (item: FollowItem): Followed[] => ('events' in item ? item.events : [item]);

const textOf = (items: Followed[]) =>
  items
    .map((i) =>
      'gap' in i
        ? `[gap]`
        : 'deleted' in i
          ? '[deleted]'
          : i.event.type === 'token'
            ? i.event.data.token
            : '',
    )
    .join('');

/** Follows until `count` items arrived (or fails after 5 s); returns them. */
async function take(log: EventLog, sessionId: string, afterId: string | null, count: number) {
  const controller = new AbortController();
  const items: Followed[] = [];
  const timer = setTimeout(() => controller.abort(), 5000);
  for await (const item of log.follow(sessionId, afterId, controller.signal)) {
    items.push(...flatten(item));
    if (items.length >= count) break;
  }
  clearTimeout(timer);
  return items;
}

/** Starts following now; `next(n)` resolves with the first n items. */
function following(log: EventLog, sessionId: string, afterId: string | null) {
  const controller = new AbortController();
  const items: Followed[] = [];
  const batches: FollowItem[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  void (async () => {
    for await (const item of log.follow(sessionId, afterId, controller.signal)) {
      batches.push(item);
      items.push(...flatten(item));
      for (const w of waiters.filter((w) => items.length >= w.n)) w.resolve();
    }
  })();
  return {
    items,
    batches,
    next: (n: number) =>
      new Promise<Followed[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${items.length} of ${n} items`)),
          5000,
        );
        const done = () => {
          clearTimeout(timer);
          resolve(items.slice(0, n));
        };
        if (items.length >= n) done();
        else waiters.push({ n, resolve: done });
      }),
    stop: () => controller.abort(),
  };
}

interface Backend {
  name: string;
  make: (options?: { maxLen?: number }) => EventLog;
}

const made: EventLog[] = [];
/** One instance's Redis log; every instance of this file shares the prefix (one workspace). */
const redisLog = (maxLen = 10_000) => {
  const log = new RedisEventLog({
    url: REDIS_URL,
    prefix,
    maxLen,
    ttlMs: 60_000,
    logger: silentLogger,
  });
  made.push(log);
  return log;
};
const backends: Backend[] = [
  {
    name: 'memory',
    make: (o = {}) => new MemoryEventLog(o.maxLen ? { maxEventsPerSession: o.maxLen } : {}),
  },
  { name: 'redis', make: (o = {}) => redisLog(o.maxLen) },
];

afterAll(async () => {
  await Promise.all(made.map((l) => l.close()));
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

for (const { name, make } of backends) {
  describe(`the event log contract: ${name}`, () => {
    const session = () => `s-${randomBytes(4).toString('hex')}`;

    it('replays exactly the events after an id, in order, then follows live ones', async () => {
      const log = make();
      const s = session();
      log.publish(token(s, 'a'));
      const head = await log.head(s);
      for (const t of ['b', 'c', 'd']) log.publish(token(s, t));
      log.publish(token(session(), 'other session'));
      const f = following(log, s, head);
      await f.next(3);
      log.publish(token(s, 'e'));
      expect(textOf(await f.next(4))).toBe('bcde');
      f.stop();
      const ids = f.items.map((i) => ('id' in i ? i.id : ''));
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('replays a long way back in bounded batches, every event once and in order', async () => {
      const log = make();
      const s = session();
      const head = await log.head(s);
      const many = MAX_BATCH + 20;
      for (let i = 0; i < many; i += 1) log.publish(token(s, String(i % 10)));
      const replay = following(log, s, head);
      const items = await replay.next(many);
      replay.stop();
      expect(textOf(items)).toBe(Array.from({ length: many }, (_, i) => String(i % 10)).join(''));
      const sizes = replay.batches.map((b) => ('events' in b ? b.events.length : 0));
      expect(Math.max(...sizes)).toBe(MAX_BATCH);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(many);
    });

    it('starts with a gap at the current position when there is no id or an unusable one', async () => {
      const log = make();
      const s = session();
      log.publish(token(s, 'before'));
      for (const afterId of [null, 'not an id', 'zzzz-1', '99999999999999-0']) {
        const head = await log.head(s);
        const f = following(log, s, afterId);
        const [gap] = await f.next(1);
        expect(gap).toEqual({ gap: true, at: head });
        log.publish(token(s, 'x'));
        expect(textOf(await f.next(2))).toBe('[gap]x');
        f.stop();
      }
    });

    it('resumes from a snapshot id at the position it was taken', async () => {
      const log = make();
      const s = session();
      log.publish(token(s, 'a'));
      const at = await log.head(s);
      log.publish(token(s, 'b'));
      expect(textOf(await take(log, s, `${at}-s3`, 1))).toBe('b');
    });

    it('holds every event up to a position for snapshots', async () => {
      const log = make();
      const s = session();
      for (const t of ['a', 'b', 'c']) log.publish(token(s, t));
      const at = await log.head(s);
      log.publish(token(s, 'd'));
      const held = await log.range(s, at);
      expect(held.map((e) => (e.event.type === 'token' ? e.event.data.token : ''))).toEqual([
        'a',
        'b',
        'c',
      ]);
      expect(held.at(-1)!.id).toBe(at);
    });

    it('gives followers at different positions exactly their own events', async () => {
      const log = make();
      const s = session();
      const start = await log.head(s);
      log.publish(token(s, '1'));
      const middle = await log.head(s);
      log.publish(token(s, '2'));
      const early = following(log, s, start);
      const late = following(log, s, middle);
      await Promise.all([early.next(2), late.next(1)]);
      log.publish(token(s, '3'));
      expect(textOf(await early.next(3))).toBe('123');
      expect(textOf(await late.next(2))).toBe('23');
      early.stop();
      late.stop();
    });

    it('keeps the order of many events published at once', async () => {
      const log = make();
      const s = session();
      const head = await log.head(s);
      const f = following(log, s, head);
      const texts = Array.from({ length: 1000 }, (_, i) => `${i},`);
      for (const t of texts) log.publish(token(s, t));
      expect(textOf(await f.next(1000))).toBe(texts.join(''));
      f.stop();
    });

    it('asks for a snapshot once events after the id were trimmed away', async () => {
      const log = make({ maxLen: 10 });
      const s = session();
      log.publish(token(s, 'first'));
      const early = await log.head(s);
      // Redis trims approximately (whole nodes of 100 entries): publish well past that.
      for (let i = 0; i < 500; i += 1) log.publish(token(s, '.'));
      const latest = await log.head(s);
      const [item] = await take(log, s, early, 1);
      expect(item).toEqual({ gap: true, at: latest });
    });

    it('ends every follower of a deleted session, after the events it had', async () => {
      const log = make();
      const s = session();
      const head = await log.head(s);
      const followers = [following(log, s, head), following(log, s, head)];
      log.publish(token(s, 'a'));
      await Promise.all(followers.map((f) => f.next(1)));
      log.publish(token(s, 'b'));
      await log.forget(s);
      for (const f of followers) {
        expect(textOf(await f.next(3))).toBe('ab[deleted]');
        f.stop();
      }
    });

    it('forgets a deleted session: an old id then gets a snapshot', async () => {
      const log = make();
      const s = session();
      log.publish(token(s, 'a'));
      const id = await log.head(s);
      log.publish(token(s, 'b'));
      await log.forget(s);
      const [item] = await take(log, s, id, 1);
      expect(item).toMatchObject({ gap: true });
    });
  });
}

describe('the Redis event log across instances', () => {
  it('a session deleted on one instance ends its followers on another', async () => {
    const [a, b] = [redisLog(), redisLog()];
    const s = `s-${randomBytes(4).toString('hex')}`;
    const f = following(b, s, await b.head(s));
    a.publish(token(s, 'x'));
    await f.next(1);
    await a.forget(s);
    expect(textOf(await f.next(2))).toBe('x[deleted]');
  });

  it('an id from one instance resumes exactly on another, and after both are gone', async () => {
    const [a, b] = [redisLog(), redisLog()];
    const s = `s-${randomBytes(4).toString('hex')}`;
    const head = await a.head(s);
    for (const t of ['x', 'y']) a.publish(token(s, t));
    expect(textOf(await take(b, s, head, 2))).toBe('xy');
    const afterX = (await b.range(s, await b.head(s)))[0]!.id;
    await Promise.all([a.close(), b.close()]);
    const c = redisLog();
    expect(textOf(await take(c, s, afterX, 1))).toBe('y');
  });
});
