import type { FinishedAnswer } from '../db';
import type { PrismaClient } from '../generated/sqlite/client';
import { MessageGoneError } from '../message-gone';
import { writeFinishes } from './finish-rows';
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

  /** Writes the batch's ends in one transaction; settles each by whether its message was found. */
  async function write(batch: Pending[]): Promise<void> {
    const found = await prisma.$transaction((tx) => writeFinishes(tx, dialect, batch));
    for (const p of batch) {
      if (found.has(p.id)) p.resolve();
      else p.reject(new MessageGoneError(p.id));
    }
  }

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      if (new Set(batch.map((p) => p.id)).size === batch.length) {
        try {
          await write(batch);
          continue;
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
        }
      }
      // One at a time: after a batch failed, so that a bad end fails alone; and when an end saved
      // again (a retry) shares the batch with its first save, so that the later one is written last.
      for (const p of batch) await write([p]).catch(p.reject);
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
