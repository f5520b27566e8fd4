import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

import { silentLogger } from '@mlb/logger';

import { tokenEvent as token } from '../../test/token-event';
import type { LoggedEvent } from './event-log';
import { RedisEventLog } from './redis-event-log';
import { compareStreamIds } from './stream-ids';

/** Redis runs on every machine this project is tested on (README: tests); CI requires it. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const admin = new Redis(REDIS_URL);
const logs: RedisEventLog[] = [];
/** This file's keys (other test files share the Redis at the same time). */
const root = `test:${randomBytes(4).toString('hex')}:`;

/** One instance's log; `name` keeps its connections apart from the others' in CLIENT LIST. */
function instance(name: string, maxLen = 10_000): RedisEventLog {
  const log = new RedisEventLog({
    url: REDIS_URL,
    prefix: `${root}${randomBytes(4).toString('hex')}:${name}:`,
    maxLen,
    ttlMs: 60_000,
    logger: silentLogger,
  });
  logs.push(log);
  return log;
}

/** Instances of one workspace share the prefix: a second one on the same prefix as `log`. */
function sibling(log: RedisEventLog): RedisEventLog {
  const copy = new RedisEventLog({ ...log.options, logger: silentLogger });
  logs.push(copy);
  return copy;
}

afterAll(async () => {
  await Promise.all(logs.map((l) => l.close()));
  const keys = await admin.keys(`${root}*`);
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
});

const textOf = (events: LoggedEvent[]) =>
  events.map((e) => (e.event.type === 'token' ? e.event.data.token : '?')).join('');

type Item = LoggedEvent | { gap: true; at: string };
const endsWith = (items: Item[], text: string) => {
  const last = items.at(-1);
  return last !== undefined && 'event' in last && textOf([last]) === text;
};
/** No gap among them: every item is an event. */
function eventsOnly(items: Item[]): LoggedEvent[] {
  const gap = items.find((i) => 'gap' in i);
  if (gap) throw new Error(`unexpected ${JSON.stringify(gap)}`);
  return items as LoggedEvent[];
}

/** Follows from `afterId`, gathering events and gaps until `until(items)` (gives up after `ms`). */
function gather(
  log: RedisEventLog,
  sessionId: string,
  afterId: string,
  until: (items: Item[]) => boolean,
  ms = 4000,
) {
  const controller = new AbortController();
  const items: Item[] = [];
  const done = (async () => {
    const timer = setTimeout(() => controller.abort(), ms);
    for await (const item of log.follow(sessionId, afterId, controller.signal)) {
      if ('deleted' in item) throw new Error('unexpected end');
      items.push(...('gap' in item ? [item] : item.events));
      if (until(items)) break;
    }
    clearTimeout(timer);
    return items;
  })();
  return { items, done };
}

/** Follows from `afterId` until `count` events arrived. */
const collect = (log: RedisEventLog, sessionId: string, afterId: string, count: number) => {
  const { done } = gather(log, sessionId, afterId, (items) => items.length >= count);
  return { done: done.then(eventsOnly) };
};

/** Closes the connection that carries `log`'s live events, as a network drop would (once it is up). */
async function dropLiveConnection(log: RedisEventLog): Promise<void> {
  const name = `${log.options.prefix}events-live`;
  for (let tries = 0; tries < 200; tries += 1) {
    const list = String(await admin.call('CLIENT', 'LIST'));
    const line = list.split('\n').find((l) => l.includes(` name=${name} `) && l.includes('sub=1'));
    const id = /id=(\d+)/.exec(line ?? '')?.[1];
    if (id) {
      await admin.call('CLIENT', 'KILL', 'ID', id);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no subscribed connection named ${name}`);
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const ids = (events: LoggedEvent[]) => events.map((e) => e.id);
const increasing = (list: string[]) =>
  list.every((id, i) => i === 0 || compareStreamIds(list[i - 1]!, id) < 0);

describe('the Redis event log', () => {
  it('loses nothing and repeats nothing when its live connection drops mid-stream', async () => {
    // The writer outpaces any real session (tens of thousands of events a second): the stream
    // keeps them all here, so that every event is expected (falling behind is the next test).
    const writer = instance('writer', 1_000_000);
    const reader = sibling(writer);
    const s = `s-${randomBytes(4).toString('hex')}`;
    const head = await writer.head(s);
    const followed = gather(reader, s, head, (items) => endsWith(items, 'end'), 8000);
    // Eight drops, each as soon as the connection is back and subscribed again, while events
    // keep coming, one per turn of the event loop: published while it is away, while it comes
    // back (between its new subscription and its read of the stream) and while it reads.
    let dropping = true;
    const drops = (async () => {
      for (let d = 0; d < 8; d += 1) {
        await dropLiveConnection(reader);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      dropping = false;
    })();
    const texts: string[] = [];
    while (dropping) {
      texts.push(`${texts.length},`);
      writer.publish(token(s, texts.at(-1)!));
      await tick();
    }
    await drops;
    writer.publish(token(s, 'end'));
    const events = eventsOnly(await followed.done);
    expect(textOf(events)).toBe(`${texts.join('')}end`);
    expect(increasing(ids(events))).toBe(true);
  });

  it('a follower further behind than the stream keeps gets a gap there, never a silent skip', async () => {
    const writer = instance('trim', 10);
    const reader = sibling(writer);
    const s = `s-${randomBytes(4).toString('hex')}`;
    const head = await writer.head(s);
    const { items, done } = gather(reader, s, head, (got) => endsWith(got, 'end'));
    writer.publish(token(s, 'first,'));
    while (items.length === 0) await tick();
    // Away while 1000 events come: Redis trims the stream (MAXLEN ~ 10, in nodes of 100).
    await dropLiveConnection(reader);
    for (let i = 0; i < 1000; i += 1) writer.publish(token(s, `${i},`));
    const trimmedTo = await writer.head(s);
    const deadline = Date.now() + 3000;
    while (!items.some((i) => 'gap' in i) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    writer.publish(token(s, 'end'));
    await done;
    const gap = items.findIndex((i) => 'gap' in i);
    expect(gap).toBe(1);
    expect(textOf([items[0] as LoggedEvent])).toBe('first,');
    // The gap is at the head the reader found: its snapshot covers everything up to there.
    const at = (items[gap] as { at: string }).at;
    expect(compareStreamIds(at, trimmedTo)).toBeGreaterThanOrEqual(0);
    const after = items.slice(gap + 1) as LoggedEvent[];
    expect(after.every((e) => 'event' in e && compareStreamIds(e.id, at) > 0)).toBe(true);
    expect(textOf(after).endsWith('end')).toBe(true);
  });

  it('gives a follower the events of several publishing instances in the stream’s order', async () => {
    const a = instance('a');
    const b = sibling(a);
    const c = sibling(a);
    const s = `s-${randomBytes(4).toString('hex')}`;
    const head = await c.head(s);
    const f = collect(c, s, head, 400);
    for (let i = 0; i < 200; i += 1) {
      a.publish(token(s, `a${i},`));
      b.publish(token(s, `b${i},`));
      if (i % 7 === 0) await tick();
    }
    const events = await f.done;
    expect(increasing(ids(events))).toBe(true);
    const text = textOf(events);
    for (const who of ['a', 'b'])
      expect(text.match(new RegExp(`${who}\\d+,`, 'g'))).toEqual(
        Array.from({ length: 200 }, (_, i) => `${who}${i},`),
      );
    // The stream holds them in the order the follower got them.
    expect(ids(await c.range(s, events.at(-1)!.id))).toEqual(ids(events));
  });

  it('a follower that attaches while events stream gets each once, from its position on', async () => {
    const writer = instance('late');
    const s = `s-${randomBytes(4).toString('hex')}`;
    const head = await writer.head(s);
    const followers: ReturnType<typeof collect>[] = [];
    for (let i = 0; i < 100; i += 1) {
      writer.publish(token(s, `${i},`));
      if (i % 20 === 10) followers.push(collect(sibling(writer), s, head, 100));
      await tick();
    }
    for (const f of followers) {
      const events = await f.done;
      expect(textOf(events)).toBe(Array.from({ length: 100 }, (_, i) => `${i},`).join(''));
    }
  });
});
