import { describe, expect, it } from 'vitest';

import type { Workspace } from '@mlb/domain';

import { SessionArrivals } from './session-arrivals';

describe('SessionArrivals', () => {
  it('tells the listeners of a session each broadcast’s first event id, until they stop listening', () => {
    const arrivals = new SessionArrivals();
    const heard: string[] = [];
    const stop = arrivals.listen('s1', (id) => heard.push(`a:${id}`));
    arrivals.listen('s2', (id) => heard.push(`b:${id}`));
    arrivals.announce('s1', 'e1');
    stop();
    stop(); // twice is harmless
    arrivals.announce('s1', 'e2');
    arrivals.announce('s2', 'e3');
    expect(heard).toEqual(['a:e1', 'b:e3']);
  });

  it('a listener that stopped long ago does not drop a newer listener of the same session', () => {
    const arrivals = new SessionArrivals();
    const heard: string[] = [];
    const stopOld = arrivals.listen('s1', () => heard.push('old'));
    stopOld();
    arrivals.listen('s1', (id) => heard.push(`new:${id}`));
    stopOld();
    arrivals.announce('s1', 'e1');
    expect(heard).toEqual(['new:e1']);
  });

  it('announces the broadcasts of the workspace it observes, after they return', async () => {
    const arrivals = new SessionArrivals();
    const result = { sessionId: 's1', broadcastId: 'b', panes: [], lastEventId: 'e7' };
    const workspace = { broadcast: () => Promise.resolve(result) } as unknown as Workspace;
    const heard: string[] = [];
    arrivals.listen('s1', (id) => heard.push(id));
    const observed = arrivals.observe(workspace);
    await expect(observed.broadcast({ prompt: 'p', models: [] })).resolves.toBe(result);
    expect(heard).toEqual(['e7']);
  });
});
