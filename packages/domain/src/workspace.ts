import type { BroadcastCreateInput, SendToInput, SummarizeCreateInput } from '@mlb/contracts';
import type { Db } from '@mlb/db';
import type { Logger } from '@mlb/logger';
import type { ProviderRegistry } from '@mlb/providers';

import { createBroadcast } from './broadcast-service';
import type { DomainContext } from './context';
import { EventHub } from './event-hub';
import type { RunSettings } from './pane-run';
import { retryPane, sendTo, stopPane } from './pane-service';
import { RunManager } from './run-manager';
import { SessionLocks } from './session-locks';
import {
  deleteSession,
  getSession,
  listSessions,
  renameSession,
  sessionEvents,
} from './session-service';
import { StatsCollector } from './stats-collector';
import { StreamingSaver } from './streaming-saver';
import { summarize } from './summarize-service';
import { health, listModels, providersHealth, workspaceStats } from './system-service';

export interface WorkspaceOptions {
  db: Db;
  registry: ProviderRegistry;
  logger: Logger;
  version: string;
  settings?: Partial<RunSettings> & { maxConcurrentStreams?: number; maxRunsPerSession?: number };
}

const DEFAULT_RUN_SETTINGS: RunSettings = { coalesceWindowMs: 33, persistIntervalMs: 1000 };

/** The domain's public face: one object per process that the API's procedures call. */
export function createWorkspace(options: WorkspaceOptions) {
  const settings: RunSettings = { ...DEFAULT_RUN_SETTINGS, ...options.settings };
  const hub = new EventHub();
  const stats = new StatsCollector();
  const logger = options.logger;
  const saver = new StreamingSaver({ db: options.db, logger }, settings.persistIntervalMs);
  const runs = new RunManager(
    { db: options.db, hub, registry: options.registry, stats, logger, settings, saver },
    {
      maxConcurrentStreams: options.settings?.maxConcurrentStreams ?? 512,
      ...(options.settings?.maxRunsPerSession
        ? { maxRunsPerSession: options.settings.maxRunsPerSession }
        : {}),
    },
  );
  const ctx: DomainContext = {
    db: options.db,
    registry: options.registry,
    hub,
    runs,
    locks: new SessionLocks(),
    stats,
    logger,
  };
  const startedAt = Date.now();
  const sweeper = setInterval(() => hub.sweep((id) => runs.hasSession(id)), 60_000);
  sweeper.unref();

  return {
    /** Marks answers left streaming by a previous process as interrupted, keeping their text. */
    recover: async () => {
      const count = await options.db.messages.markInterrupted();
      if (count > 0)
        logger.warn({ count }, 'answers interrupted by the last shutdown were marked interrupted');
      return count;
    },
    broadcast: (input: BroadcastCreateInput) => createBroadcast(ctx, input),
    sendTo: (input: SendToInput & { mode: 'context' | 'prompt' }) => sendTo(ctx, input),
    stop: (paneId: string) => stopPane(ctx, paneId),
    retry: (paneId: string) => retryPane(ctx, paneId),
    summarize: (input: SummarizeCreateInput) => summarize(ctx, input),
    sessions: {
      list: (input: { cursor?: string | null; limit: number; search?: string | undefined }) =>
        listSessions(ctx, input),
      get: (sessionId: string) => getSession(ctx, sessionId),
      rename: (sessionId: string, title: string) => renameSession(ctx, sessionId, title),
      delete: (sessionId: string) => deleteSession(ctx, sessionId),
      events: (sessionId: string, lastEventId: string | null | undefined, signal: AbortSignal) =>
        sessionEvents(ctx, sessionId, lastEventId, signal),
    },
    health: () => health(ctx, options.version, startedAt),
    models: (refresh: boolean) => listModels(ctx, refresh),
    providersHealth: () => providersHealth(ctx),
    stats: () => workspaceStats(ctx, startedAt),
    shutdown: async (timeoutMs = 5000) => {
      clearInterval(sweeper);
      await runs.shutdown(timeoutMs);
    },
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
