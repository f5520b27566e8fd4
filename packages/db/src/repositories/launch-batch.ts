import type { BroadcastLaunch } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { writeLaunches } from './launch-rows';
import type { SqlDialect } from './raw-sql';

/** Launches per transaction: their rows stay far below both databases' parameter limits. */
const MAX_BATCH = 50;

interface Pending {
  launch: BroadcastLaunch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for launches: the launches asked for while a write runs are written together by
 * the next one, so fifty broadcasts started at once cost a few writes, not fifty (see
 * writeLaunches). A batch that fails is written again one launch at a time, so one bad launch
 * (its session deleted meanwhile) fails alone.
 */
export function launchBatcher(prisma: PrismaClient, dialect: SqlDialect) {
  const queue: Pending[] = [];
  let running = false;

  const write = (launches: BroadcastLaunch[]) => writeLaunches(prisma, dialect, launches);

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        await write(batch.map((p) => p.launch));
        for (const p of batch) p.resolve();
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.reject(error);
          continue;
        }
        for (const p of batch) await write([p.launch]).then(p.resolve, p.reject);
      }
    }
    running = false;
  }

  return (launch: BroadcastLaunch): Promise<void> =>
    new Promise((resolve, reject) => {
      queue.push({ launch, resolve, reject });
      // Wait one turn: the launches asked for in it go together.
      if (!running) {
        running = true;
        setImmediate(() => void drain());
      }
    });
}
