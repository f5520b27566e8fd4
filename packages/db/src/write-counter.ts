import type { Repositories, WriteStats } from './db';

/** Every repository method that changes the database; reads are not counted. */
const WRITES: { [K in keyof Repositories]: (keyof Repositories[K])[] } = {
  sessions: ['create', 'rename', 'delete', 'touch', 'setBudget', 'insertCopy'],
  panes: ['create'],
  broadcasts: ['create', 'launch'],
  messages: ['append', 'updateContents', 'finish'],
  instances: ['heartbeat', 'reap', 'remove'],
  metrics: [],
  votes: ['cast'],
  settings: ['set'],
};

/** Wraps the write methods of the repositories so each call is counted where it happens. */
export function countWrites(repositories: Repositories, stats: WriteStats): Repositories {
  const counted = { ...repositories } as unknown as Record<
    keyof Repositories,
    Record<string, unknown>
  >;
  for (const [name, methods] of Object.entries(WRITES) as [keyof Repositories, string[]][]) {
    const repository = { ...(repositories[name] as unknown as Record<string, unknown>) };
    for (const method of methods) {
      const write = repository[method];
      if (typeof write !== 'function') continue;
      repository[method] = async (...args: unknown[]) => {
        stats.issued += 1;
        stats.inFlight += 1;
        try {
          return await (write as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          stats.inFlight -= 1;
        }
      };
    }
    counted[name] = repository;
  }
  return counted as unknown as Repositories;
}
