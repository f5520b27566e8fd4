import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

import type { HealthReport, ProviderModels, ProviderStatus, SystemStats } from '@mlb/contracts';

import type { DomainContext } from './context';

export interface ConnectionCounter {
  activeConnections(): number;
}

/** Event-loop delay sampled continuously: the figure that tells when one instance is full. */
/**
 * Event-loop delay over recent windows (5 s each): read() reports the worse of the window in
 * progress and the last complete one, so a figure reflects the last 5 to 10 s rather than the
 * whole uptime, where long idle stretches would hide a busy minute.
 */
export class LoopLagMonitor {
  private histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private last: { p50: number; p99: number } | null = null;
  private readonly rotation: NodeJS.Timeout;
  constructor(windowMs = 5000) {
    this.histogram.enable();
    this.rotation = setInterval(() => {
      this.last = this.current();
      this.histogram.reset();
    }, windowMs);
    this.rotation.unref();
  }
  read(): { p50: number; p99: number } {
    const now = this.current();
    if (!this.last) return now;
    return { p50: Math.max(now.p50, this.last.p50), p99: Math.max(now.p99, this.last.p99) };
  }
  stop(): void {
    clearInterval(this.rotation);
    this.histogram.disable();
  }
  private current(): { p50: number; p99: number } {
    if (this.histogram.count === 0) return { p50: 0, p99: 0 };
    return { p50: this.histogram.percentile(50) / 1e6, p99: this.histogram.percentile(99) / 1e6 };
  }
}

export async function health(
  ctx: DomainContext,
  version: string,
  startedAt: number,
): Promise<HealthReport> {
  const [providers, dbOk] = await Promise.all([
    ctx.registry.health(),
    ctx.db.ping().catch(() => false),
  ]);
  const configuredUnhealthy = providers.some((p) => p.configured && p.state === 'unhealthy');
  return {
    status: dbOk && !configuredUnhealthy ? 'ok' : 'degraded',
    version,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    database: dbOk ? 'ok' : 'error',
    providers,
  };
}

export function listModels(ctx: DomainContext, refresh: boolean): Promise<ProviderModels[]> {
  return ctx.registry.models({ refresh });
}

export function providersHealth(ctx: DomainContext): Promise<ProviderStatus[]> {
  return ctx.registry.health();
}

export async function systemStats(
  ctx: DomainContext,
  connections: ConnectionCounter,
  lag: LoopLagMonitor,
  startedAt: number,
): Promise<SystemStats> {
  const providers = ctx.stats.providers();
  const sum = (pick: (p: (typeof providers)[number]) => number) =>
    providers.reduce((total, p) => total + pick(p), 0);
  const requests = sum((p) => p.requests);
  const errors = sum((p) => p.errors);
  const memory = process.memoryUsage();
  return {
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    activeConnections: connections.activeConnections(),
    activeSubscriptions: ctx.hub.listenerCount(),
    sessions: await ctx.db.sessions.count(),
    runningStreams: ctx.runs.runningCount,
    queuedStreams: ctx.runs.queuedCount,
    pendingWrites: ctx.stats.pendingWrites,
    databaseWrites: ctx.stats.dbWrites,
    answersFinished: ctx.stats.answers,
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    eventLoopLagMs: lag.read(),
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
