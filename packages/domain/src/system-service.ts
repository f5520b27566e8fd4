import type { HealthReport, ProviderModels, ProviderStatus, WorkspaceStats } from '@mlb/contracts';

import type { DomainContext } from './context';

export async function health(
  ctx: DomainContext,
  version: string,
  startedAt: number,
): Promise<HealthReport> {
  const [providers, dbOk, events] = await Promise.all([
    ctx.registry.health(),
    ctx.db.ping().catch(() => false),
    ctx.hub.health(),
  ]);
  const configuredUnhealthy = providers.some((p) => p.configured && p.state === 'unhealthy');
  return {
    status: dbOk && events.ok && !configuredUnhealthy ? 'ok' : 'degraded',
    version,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    database: dbOk ? 'ok' : 'error',
    eventLog: { backend: events.backend, state: events.ok ? 'ok' : 'error', error: events.error },
    providers,
  };
}

export function listModels(ctx: DomainContext, refresh: boolean): Promise<ProviderModels[]> {
  return ctx.registry.models({ refresh });
}

export function providersHealth(ctx: DomainContext): Promise<ProviderStatus[]> {
  return ctx.registry.health();
}

/** The workspace's own figures; the server adds what it measures about the process. */
export async function workspaceStats(
  ctx: DomainContext,
  startedAt: number,
): Promise<WorkspaceStats> {
  const providers = ctx.stats.providers();
  const sum = (pick: (p: (typeof providers)[number]) => number) =>
    providers.reduce((total, p) => total + pick(p), 0);
  const requests = sum((p) => p.requests);
  const errors = sum((p) => p.errors);
  const writes = ctx.db.writeStats();
  return {
    instanceId: ctx.instanceId,
    eventLogBackend: ctx.hub.backend,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    activeSubscriptions: ctx.hub.listenerCount(),
    sessions: await sessionCount(ctx),
    runningStreams: ctx.runs.runningCount,
    queuedStreams: ctx.runs.queuedCount,
    pendingWrites: writes.inFlight,
    databaseWrites: writes.issued,
    answersFinished: ctx.stats.answers,
    unsavedAnswers: ctx.finalSaves.count,
    unsavedChars: ctx.finalSaves.bytes,
    providers,
    totals: {
      requests,
      errors,
      errorRate: requests === 0 ? 0 : errors / requests,
      inputTokens: sum((p) => p.inputTokens),
      outputTokens: sum((p) => p.outputTokens),
      cost: sum((p) => p.cost),
    },
  };
}

/** Stats must answer while the database is away (that is when they matter): the last count then. */
async function sessionCount(ctx: DomainContext): Promise<number> {
  try {
    ctx.stats.sessions = await ctx.db.sessions.count();
  } catch (error) {
    ctx.logger.debug({ err: error }, 'session count unavailable; reporting the last one');
  }
  return ctx.stats.sessions;
}
