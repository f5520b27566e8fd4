import { describe, expect, it } from 'vitest';

import { tokenEvent as token } from '../../test/token-event';
import { parseEventId } from './event-id';
import { MemoryEventLog } from './memory-event-log';

describe('MemoryEventLog', () => {
  it('replays exactly the events after the last id the subscriber saw', () => {
    const hub = new MemoryEventLog();
    const a = hub.publish(token('s1', 'a'));
    hub.publish(token('s2', 'other session'));
    hub.publish(token('s1', 'b'));
    hub.publish(token('s1', 'c'));
    const plan = hub.planResume('s1', a.id);
    expect(plan.kind).toBe('replay');
    expect(
      plan.kind === 'replay' &&
        plan.events.map((e) => (e.event as { data: { token: string } }).data.token),
    ).toEqual(['b', 'c']);
  });

  it('hands a follower what was published in one turn as one batch', async () => {
    const hub = new MemoryEventLog();
    const controller = new AbortController();
    const batches: string[][] = [];
    const done = (async () => {
      for await (const item of hub.follow('s1', hub.headId('s1'), controller.signal)) {
        if (!('events' in item)) continue;
        batches.push(item.events.map((e) => (e.event as { data: { token: string } }).data.token));
        if (batches.length === 2) controller.abort();
      }
    })();
    await new Promise((resolve) => setImmediate(resolve));
    // Four panes' flushes in one timer callback, then one more in a later turn.
    for (const text of ['a', 'b', 'c', 'd']) hub.publish(token('s1', text));
    await new Promise((resolve) => setImmediate(resolve));
    hub.publish(token('s1', 'e'));
    await done;
    expect(batches).toEqual([['a', 'b', 'c', 'd'], ['e']]);
  });

  it('replays nothing for a subscriber that is up to date', () => {
    const hub = new MemoryEventLog();
    const last = hub.publish(token('s1', 'a'));
    expect(hub.planResume('s1', last.id)).toEqual({ kind: 'replay', events: [] });
  });

  it('asks for a snapshot when the id is from another process, malformed, or absent', () => {
    const hub = new MemoryEventLog();
    hub.publish(token('s1', 'a'));
    expect(hub.planResume('s1', 'zzzz-1').kind).toBe('snapshot');
    expect(hub.planResume('s1', 'not an id').kind).toBe('snapshot');
    expect(hub.planResume('s1', null).kind).toBe('snapshot');
  });

  it('asks for a snapshot when the events after the id were trimmed away', () => {
    const hub = new MemoryEventLog({ maxEventsPerSession: 2 });
    const first = hub.publish(token('s1', 'a'));
    hub.publish(token('s1', 'b'));
    const third = hub.publish(token('s1', 'c'));
    hub.publish(token('s1', 'd'));
    expect(hub.planResume('s1', first.id).kind).toBe('snapshot');
    const plan = hub.planResume('s1', third.id);
    expect(plan.kind === 'replay' && plan.events).toHaveLength(1);
  });

  it('delivers live events to listeners of that session only, in order', () => {
    const hub = new MemoryEventLog();
    const seen: string[] = [];
    const detach = hub.listen('s1', (e) => {
      if (e) seen.push(e.id);
    });
    const one = hub.publish(token('s1', 'a'));
    hub.publish(token('s2', 'x'));
    const two = hub.publish(token('s1', 'b'));
    detach();
    hub.publish(token('s1', 'c'));
    expect(seen).toEqual([one.id, two.id]);
    expect(parseEventId(two.id)!.seq).toBeGreaterThan(parseEventId(one.id)!.seq);
  });

  it('sweeps idle logs without listeners or running panes', () => {
    let now = 0;
    const hub = new MemoryEventLog({ idleMs: 100, now: () => now });
    hub.publish(token('idle', 'a'));
    hub.publish(token('busy', 'a'));
    now = 1000;
    expect(hub.sweep((id) => id === 'busy')).toBe(1);
  });
});
