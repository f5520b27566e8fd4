import type { FinishedAnswer } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { MessageGoneError } from '../message-gone';
import { writeFinish } from './finish-rows';
import type { SqlDialect } from './raw-sql';

/** Ends per transaction. */
const MAX_BATCH = 100;

interface Pending {
  id: string;
  answer: FinishedAnswer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for answers' ends, as for launches (launch-batch.ts): the ends asked for while a
 * transaction runs are written by the next one. Hundreds of answers ending together then cost a
 * few transactions instead of one each, each of which waited for a pooled connection (PostgreSQL)
 * or behind the others (SQLite). A message that no longer exists fails alone; a batch that fails
 * otherwise is written again one end at a time.
 */
export function finishBatcher(prisma: PrismaClient, dialect: SqlDialect) {
  const queue: Pending[] = [];
  let running = false;

  async function writeOne(p: Pending): Promise<void> {
    const found = await prisma.$transaction((tx) => writeFinish(tx, dialect, p.id, p.answer));
    if (found) p.resolve();
    else p.reject(new MessageGoneError(p.id));
  }

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      if (batch.length === 1) {
        await writeOne(batch[0]!).catch(batch[0]!.reject);
        continue;
      }
      try {
        const found = await prisma.$transaction(async (tx) => {
          const results: boolean[] = [];
          for (const p of batch) results.push(await writeFinish(tx, dialect, p.id, p.answer));
          return results;
        });
        batch.forEach((p, i) => (found[i] ? p.resolve() : p.reject(new MessageGoneError(p.id))));
      } catch {
        for (const p of batch) await writeOne(p).catch(p.reject);
      }
    }
    running = false;
  }

  return (id: string, answer: FinishedAnswer): Promise<void> =>
    new Promise((resolve, reject) => {
      queue.push({ id, answer, resolve, reject });
      if (!running) {
        running = true;
        setImmediate(() => void drain());
      }
    });
}
