import type { BroadcastCreateInput, SendToInput, SummarizeCreateInput } from '@mlb/contracts';
import type { Db } from '@mlb/db';
import type { Logger } from '@mlb/logger';
import type { ProviderRegistry } from '@mlb/providers';

import { announceInterrupted, announceSavedLate } from './announcements';
import { createBroadcast } from './broadcast-service';
import { SpendTracker } from './budget/spend-tracker';
import { localControlBus, type ControlBus } from './cluster/control-bus';
import { RedisControlBus } from './cluster/redis-control-bus';
import type { DomainContext } from './context';
import { decideMethods, decideSessionMethods } from './decide-workspace';
import type { EventLog } from './event-log/event-log';
import { MemoryEventLog } from './event-log/memory-event-log';
import { RedisEventLog } from './event-log/redis-event-log';
import { FlushGrid } from './flush-grid';
import { summarize } from './fuse/fuse-service';
import { DEFAULT_LIVENESS, InstanceLiveness, type LivenessOptions } from './instance-liveness';
import type { RunSettings } from './pane-run';
import { retryPane, sendTo, stopPane } from './pane-service';
import { FinalSaves, type FinalSavesOptions } from './persistence/final-saves';
import { StreamingSaver } from './persistence/streaming-saver';
import { RunManager } from './run-manager';
import { SessionLocks } from './session-locks';
import {
  deleteSession,
  getSession,
  listSessions,
  renameSession,
  sessionEventBatches,
  sessionEvents,
} from './session-service';
import { StatsCollector } from './stats-collector';
import { health, listModels, providersHealth, workspaceStats } from './system-service';

export interface WorkspaceOptions {
  db: Db;
  registry: ProviderRegistry;
  logger: Logger;
  version: string;
  settings?: Partial<RunSettings> & {
    maxConcurrentStreams?: number;
    maxRunsPerSession?: number;
    /** Text of ended answers waiting for the database, in characters, before new ones are refused. */
    maxUnsavedChars?: number;
  };
  /**
   * Redis, for several instances: live events go to Redis Streams (any instance follows any
   * session, ids resume anywhere and across restarts) and stop requests reach the owning
   * instance. Without it, events live in this process's memory.
   */
  redis?: RedisSettings;
  /** Tests shorten these. */
  liveness?: Partial<LivenessOptions>;
  finalSaves?: Partial<FinalSavesOptions>;
}

export interface RedisSettings {
  url: string;
  /** Prepended to every key and channel, so several workspaces can share one Redis. */
  prefix: string;
  /** Events kept per session stream (approximately). */
  maxLen?: number;
  /** A session's stream expires this long after its last answer event. */
  ttlMs?: number;
}

const DEFAULT_RUN_SETTINGS: RunSettings = { coalesceWindowMs: 33, persistIntervalMs: 1000 };

/** The domain's public face: one object per process that the API's procedures call. */
export function createWorkspace(options: WorkspaceOptions) {
  const settings: RunSettings = { ...DEFAULT_RUN_SETTINGS, ...options.settings };
  const { db, logger } = options;
  const liveness = new InstanceLiveness(
    { db, logger, onInterrupted: (answers) => announceInterrupted(hub, answers) },
    { ...DEFAULT_LIVENESS, ...options.liveness },
  );
  const memory = options.redis ? null : new MemoryEventLog();
  const hub: EventLog =
    memory ??
    new RedisEventLog({
      url: options.redis!.url,
      prefix: options.redis!.prefix,
      maxLen: options.redis!.maxLen ?? 10_000,
      ttlMs: options.redis!.ttlMs ?? 24 * 3600_000,
      logger: logger.child({ component: 'event-log' }),
    });
  const bus: ControlBus = options.redis
    ? new RedisControlBus({ ...options.redis, instanceId: liveness.id, logger })
    : localControlBus;
  const stats = new StatsCollector();
  const saver = new StreamingSaver({ db, logger }, settings.persistIntervalMs);
  const finalSaves = new FinalSaves(
    {
      db,
      logger,
      onSavedLate: (answer) => announceSavedLate(hub, answer),
    },
    options.finalSaves,
  );
  // Flushes land on a grid of one coalescing window: a session's streaming panes flush together.
  const flushGrid =
    settings.coalesceWindowMs > 0 ? new FlushGrid(settings.coalesceWindowMs) : undefined;
  const runs = new RunManager(
    { hub, registry: options.registry, stats, logger, settings, saver, finalSaves, flushGrid },
    {
      maxConcurrentStreams: options.settings?.maxConcurrentStreams ?? 512,
      maxUnsavedChars: options.settings?.maxUnsavedChars ?? 64_000_000,
      ...(options.settings?.maxRunsPerSession
        ? { maxRunsPerSession: options.settings.maxRunsPerSession }
        : {}),
    },
  );
  const ctx: DomainContext = {
    instanceId: liveness.id,
    finalSaves,
    bus,
    db,
    registry: options.registry,
    hub,
    runs,
    locks: new SessionLocks(),
    stats,
    logger,
    spend: new SpendTracker(),
  };
  const startedAt = Date.now();
  const sweeper = setInterval(() => memory?.sweep((id) => runs.hasSession(id)), 60_000);
  sweeper.unref();
  // Another instance asks this one to stop a run it owns: answer once the run has ended.
  bus.serve(async (paneId) => {
    const run = runs.get(paneId);
    if (!run || !runs.stop(paneId)) return false;
    await run.done;
    return true;
  });

  return {
    /** This process's id on the database (the owner its answers name). */
    instanceId: liveness.id,
    /**
     * Registers this process and ends answers that processes which are gone left streaming
     * (keeping their text); answers of processes still alive are left alone.
     */
    recover: () => liveness.start(),
    /** Other live server processes on this database (their pid and host). */
    otherInstances: () => liveness.others(),
    broadcast: (input: BroadcastCreateInput) => createBroadcast(ctx, input),
    sendTo: (input: SendToInput & { mode: 'context' | 'prompt' }) => sendTo(ctx, input),
    stop: (paneId: string) => stopPane(ctx, paneId),
    retry: (paneId: string) => retryPane(ctx, paneId),
    summarize: (input: SummarizeCreateInput) => summarize(ctx, input),
    ...decideMethods(ctx),
    sessions: {
      ...decideSessionMethods(ctx),
      list: (input: { cursor?: string | null; limit: number; search?: string | undefined }) =>
        listSessions(ctx, input),
      get: (sessionId: string) => getSession(ctx, sessionId),
      rename: (sessionId: string, title: string) => renameSession(ctx, sessionId, title),
      delete: (sessionId: string) => deleteSession(ctx, sessionId),
      events: (sessionId: string, lastEventId: string | null | undefined, signal: AbortSignal) =>
        sessionEvents(ctx, sessionId, lastEventId, signal),
      eventBatches: (
        sessionId: string,
        lastEventId: string | null | undefined,
        signal: AbortSignal,
      ) => sessionEventBatches(ctx, sessionId, lastEventId, signal),
    },
    health: () => health(ctx, options.version, startedAt),
    /** Where live events go and whether it answers (cheap: no provider is asked). */
    eventLogHealth: () => hub.health(),
    models: (refresh: boolean) => listModels(ctx, refresh),
    providersHealth: () => providersHealth(ctx),
    stats: () => workspaceStats(ctx, startedAt),
    /**
     * Stops every answer (saved as interrupted), waits a bounded time for ended answers the
     * database has not accepted yet, and deregisters this process.
     */
    shutdown: async (timeoutMs = 5000) => {
      clearInterval(sweeper);
      const deadline = Date.now() + timeoutMs;
      await runs.shutdown(timeoutMs);
      const unsaved = await finalSaves.drain(Math.max(0, deadline - Date.now()));
      if (unsaved > 0)
        logger.error(
          { answers: unsaved },
          'answers could not be saved before shutdown: the database did not accept them',
        );
      await liveness.stop();
      await Promise.all([bus.close(), hub.close()]);
    },
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
