import { LIMITS } from '@mlb/contracts';
import type { ProviderAdapter } from '@mlb/providers';

import { DomainError } from './errors';
import { PaneRun, type PaneRunDeps, type PaneRunSpec } from './pane-run';

export interface RunManagerOptions {
  /** Streams open at once across the process; more wait in a queue (state "queued"). */
  maxConcurrentStreams: number;
  maxRunsPerSession?: number;
  /**
   * Text of ended answers the database has not accepted yet, in characters: past it, new answers
   * are refused until it does, so a database that stays away cannot make memory grow without end.
   */
  maxUnsavedChars: number;
}

/** Every live answer in the process: one per pane at most, a global concurrency cap, a FIFO queue. */
export class RunManager {
  private readonly runs = new Map<string, PaneRun>();
  private readonly queue: { run: PaneRun; adapter: ProviderAdapter }[] = [];
  private active = 0;
  private closing = false;

  constructor(
    private readonly deps: PaneRunDeps,
    private readonly options: RunManagerOptions,
  ) {}

  /** Throws before anything is started if the pane is busy or the session is over its limit. */
  assertCanStart(sessionId: string, paneIds: string[]): void {
    const unsaved = this.deps.finalSaves;
    if (unsaved.bytes > this.options.maxUnsavedChars)
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        `The database has not accepted the last ${unsaved.count === 1 ? 'answer' : `${unsaved.count} answers`} (${unsaved.bytes.toLocaleString('en')} characters of text), so new answers are refused for now.`,
        'Check that the database (DATABASE_URL) is reachable; the waiting answers are saved as soon as it is, and then you can send again.',
      );
    if (this.closing)
      throw new DomainError(
        'PRECONDITION_FAILED',
        'The server is shutting down.',
        'Try again in a moment.',
      );
    for (const paneId of paneIds) {
      if (this.runs.has(paneId)) {
        throw new DomainError(
          'CONFLICT',
          `Pane ${paneId} is still answering.`,
          'Stop it first, or wait for it to finish.',
        );
      }
    }
    const limit = this.options.maxRunsPerSession ?? LIMITS.concurrentRunsPerSession;
    const running = this.runningInSession(sessionId);
    if (running + paneIds.length > limit) {
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `This session already has ${running} answers running; the limit is ${limit}.`,
        'Wait for some panes to finish or stop them, then send again.',
      );
    }
  }

  start(spec: PaneRunSpec, adapter: ProviderAdapter): PaneRun {
    const run = new PaneRun(spec, this.deps);
    this.runs.set(spec.pane.id, run);
    void run.done.then(() => {
      if (this.runs.get(spec.pane.id) === run) this.runs.delete(spec.pane.id);
    });
    run.announceQueued();
    this.queue.push({ run, adapter });
    this.pump();
    return run;
  }

  /** Stops the pane's running answer; false when nothing was running. */
  stop(paneId: string): boolean {
    const run = this.runs.get(paneId);
    if (!run) return false;
    const queued = this.queue.findIndex((q) => q.run === run);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      void run.cancelQueued('user');
    } else {
      run.stop('user');
    }
    return true;
  }

  get(paneId: string): PaneRun | undefined {
    return this.runs.get(paneId);
  }

  forSession(sessionId: string): PaneRun[] {
    return [...this.runs.values()].filter((r) => r.sessionId === sessionId);
  }

  runningInSession(sessionId: string): number {
    return this.forSession(sessionId).length;
  }

  hasSession(sessionId: string): boolean {
    return this.forSession(sessionId).length > 0;
  }

  get runningCount(): number {
    return this.active;
  }

  get queuedCount(): number {
    return this.queue.length;
  }

  /** Stops everything, waits (bounded) for each answer to be saved as interrupted. */
  async shutdown(timeoutMs: number): Promise<void> {
    this.closing = true;
    for (const { run } of this.queue.splice(0)) void run.cancelQueued('shutdown');
    for (const run of this.runs.values()) run.stop('shutdown');
    const all = Promise.all([...this.runs.values()].map((r) => r.done));
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  private pump(): void {
    while (this.active < this.options.maxConcurrentStreams && this.queue.length > 0) {
      const { run, adapter } = this.queue.shift()!;
      this.active += 1;
      void run.execute(adapter).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }
}
