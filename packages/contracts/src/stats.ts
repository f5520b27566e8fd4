import type { ProviderStatus } from './providers';

export interface ProviderStats {
  providerId: string;
  requests: number;
  errors: number;
  errorRate: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  latencyMsAvg: number | null;
  ttftMsAvg: number | null;
}

export interface SystemStats {
  uptimeSeconds: number;
  activeConnections: number;
  activeSubscriptions: number;
  sessions: number;
  runningStreams: number;
  queuedStreams: number;
  pendingWrites: number;
  /** Writes issued by answers since start (launches, partial saves, final saves). */
  databaseWrites: number;
  /** Answers finished since start, whatever their outcome. */
  answersFinished: number;
  memory: { rssBytes: number; heapUsedBytes: number };
  /** Over the last 5 to 10 seconds. */
  eventLoopLagMs: { p50: number; p99: number };
  providers: ProviderStats[];
  totals: {
    requests: number;
    errors: number;
    errorRate: number;
    inputTokens: number;
    outputTokens: number;
    cost: number;
  };
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: 'ok' | 'error';
  providers: ProviderStatus[];
}
