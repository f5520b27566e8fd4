import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Db, InstanceRecord, InterruptedAnswer } from '@mlb/db';
import type { Logger } from '@mlb/logger';

export interface LivenessOptions {
  /** How often this process records that it is alive. */
  heartbeatMs: number;
  /** A process silent for longer is gone: its answers are ended as interrupted. */
  staleMs: number;
  /** How often this process looks for answers of processes that are gone. */
  reapMs: number;
}

/** Heartbeat every 5 s, gone after 20 s, checked every 10 s: a dead process's answers end within 30 s. */
export const DEFAULT_LIVENESS: LivenessOptions = {
  heartbeatMs: 5000,
  staleMs: 20_000,
  reapMs: 10_000,
};

/** Whether a process on this machine is still running (signal 0 only checks). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * This process's identity on the database: the owner every answer it streams names, a heartbeat
 * that tells other processes it is alive, and the reaper that ends the answers of processes that
 * are gone. A process starting on a database that another one uses never touches that one's
 * answers while it beats; one that died on this machine is recognised at once by its pid.
 */
export class InstanceLiveness {
  readonly id = randomUUID();
  private heartbeat: NodeJS.Timeout | null = null;
  private reaper: NodeJS.Timeout | null = null;
  private reaping: Promise<unknown> | null = null;

  constructor(
    private readonly deps: {
      db: Pick<Db, 'instances'>;
      logger: Logger;
      /** Answers ended because their process is gone: tell their subscribers. */
      onInterrupted: (answers: InterruptedAnswer[]) => void;
    },
    private readonly options: LivenessOptions = DEFAULT_LIVENESS,
  ) {}

  /** Registers this process and ends what dead processes left streaming. */
  async start(): Promise<number> {
    await this.beat();
    const ended = await this.reap();
    this.heartbeat = setInterval(
      () => void this.beat().catch(() => undefined),
      this.options.heartbeatMs,
    );
    this.reaper = setInterval(() => void this.reap().catch(() => undefined), this.options.reapMs);
    this.heartbeat.unref();
    this.reaper.unref();
    return ended;
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.reaper) clearInterval(this.reaper);
    // Wait for a reap under way, not for its outcome: it logged its own failure, and shutting down
    // must go on to deregister this process whatever the last reap met.
    await this.reaping?.catch(() => undefined);
    await this.deps.db.instances.remove(this.id).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    try {
      await this.deps.db.instances.heartbeat({
        id: this.id,
        pid: process.pid,
        hostname: hostname(),
      });
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not record the heartbeat');
      throw error;
    }
  }

  /** Other processes using this database that are alive (recent heartbeat, and running if on this host). */
  async others(): Promise<InstanceRecord[]> {
    const aliveSince = new Date(Date.now() - this.options.staleMs);
    const here = hostname();
    return (await this.deps.db.instances.alive(aliveSince)).filter(
      (i) => i.id !== this.id && !(i.hostname === here && i.pid !== null && !running(i.pid)),
    );
  }

  /** Ends the answers of processes that are gone; returns how many. */
  async reap(): Promise<number> {
    if (this.reaping) return 0;
    const work = (async () => {
      const aliveSince = new Date(Date.now() - this.options.staleMs);
      const here = hostname();
      // A process of this machine that no longer runs is gone now, not in 20 s.
      const dead = (await this.deps.db.instances.alive(aliveSince))
        .filter((i) => i.id !== this.id && i.hostname === here && i.pid !== null && !running(i.pid))
        .map((i) => i.id);
      const ended = await this.deps.db.instances.reap({ self: this.id, aliveSince, dead });
      if (ended.length > 0) {
        this.deps.logger.warn(
          { answers: ended.length },
          'answers left streaming by a process that is gone were marked interrupted',
        );
        this.deps.onInterrupted(ended);
      }
      return ended.length;
    })();
    this.reaping = work;
    try {
      return await work;
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not look for answers of stopped processes');
      throw error;
    } finally {
      this.reaping = null;
    }
  }
}
