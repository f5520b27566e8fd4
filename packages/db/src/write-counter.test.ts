import { describe, expect, it } from 'vitest';

import type { Repositories, WriteStats } from './db';
import { countWrites } from './write-counter';

describe('countWrites', () => {
  it('counts write calls, including failed ones, and not reads', async () => {
    let release!: () => void;
    const repositories = {
      sessions: {
        rename: () => new Promise<null>((resolve) => (release = () => resolve(null))),
        get: () => Promise.resolve(null),
        delete: () => Promise.reject(new Error('gone')),
      },
      panes: {},
      broadcasts: {},
      messages: {},
      metrics: {},
    } as unknown as Repositories;
    const stats: WriteStats = { issued: 0, inFlight: 0 };
    const db = countWrites(repositories, stats);

    await db.sessions.get('s');
    const renaming = db.sessions.rename('s', 't');
    expect(stats).toEqual({ issued: 1, inFlight: 1 });
    release();
    await renaming;
    await expect(db.sessions.delete('s')).rejects.toThrow('gone');
    expect(stats).toEqual({ issued: 2, inFlight: 0 });
  });
});
