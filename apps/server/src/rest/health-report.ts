import type { ProviderStatus } from '@mlb/contracts';
import type { Logger } from '@mlb/logger';

import type { HealthReportBody } from './view-schemas';

/** How old the providers' statuses in GET /health may get before it starts a new check. */
export const PROVIDER_STATUS_MAX_AGE_MS = 60_000;

/**
 * The providers' statuses as the last check found them. GET /health answers from here and never
 * waits for a provider (a load balancer polls it); when the statuses are older than `maxAgeMs`
 * it starts one check in the background. GET /providers/health checks now and records it too.
 */
export function createProviderStatuses(options: {
  check: () => Promise<ProviderStatus[]>;
  logger: Logger;
  maxAgeMs?: number;
  now?: () => number;
}) {
  const maxAgeMs = options.maxAgeMs ?? PROVIDER_STATUS_MAX_AGE_MS;
  const now = options.now ?? Date.now;
  let last: { at: number; statuses: ProviderStatus[] } | null = null;
  let running: Promise<ProviderStatus[]> | null = null;

  const checkNow = (): Promise<ProviderStatus[]> =>
    (running ??= options
      .check()
      .then((statuses) => {
        last = { at: now(), statuses };
        return statuses;
      })
      .finally(() => (running = null)));

  return {
    checkNow,
    /** The last statuses (none before the first check ends), starting a check when they are old. */
    read(): { statuses: ProviderStatus[]; checkedAt: string | null } {
      if (!running && (!last || now() - last.at > maxAgeMs))
        checkNow().catch((error: unknown) =>
          options.logger.warn({ err: error }, 'provider status check failed'),
        );
      return {
        statuses: last?.statuses ?? [],
        checkedAt: last ? new Date(last.at).toISOString() : null,
      };
    },
  };
}

/**
 * GET /health: 200 while the database answers, 503 when it does not (what load balancers act
 * on); `degraded` when a configured provider is unhealthy, as the workspace's own health says.
 */
export async function healthReport(options: {
  pingDatabase: () => Promise<boolean>;
  providers: ReturnType<typeof createProviderStatuses>;
  /** Where live events go (this process's memory, or Redis) and whether it answers. */
  eventLog: () => Promise<{ backend: 'memory' | 'redis'; ok: boolean; error: string | null }>;
  version: string;
}): Promise<HealthReportBody> {
  const [databaseOk, events] = await Promise.all([
    options.pingDatabase().catch(() => false),
    options.eventLog(),
  ]);
  const { statuses, checkedAt } = options.providers.read();
  const unhealthy = statuses.some((p) => p.configured && p.state === 'unhealthy');
  return {
    status: !databaseOk ? 'unavailable' : unhealthy || !events.ok ? 'degraded' : 'ok',
    version: options.version,
    uptimeSeconds: Math.round(process.uptime()),
    database: databaseOk ? 'ok' : 'error',
    eventLog: { backend: events.backend, state: events.ok ? 'ok' : 'error', error: events.error },
    providers: statuses,
    providersCheckedAt: checkedAt,
  };
}

export const healthStatusCode = (report: HealthReportBody): number =>
  report.database === 'ok' ? 200 : 503;
