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

/** What the workspace itself knows: its sessions, answers, writes and providers. */
export interface WorkspaceStats {
  /** This server process, as the answers it streams name their owner. */
  instanceId: string;
  /** Where live events go: this process's memory, or Redis (shared by every instance). */
  eventLogBackend: 'memory' | 'redis';
  uptimeSeconds: number;
  activeSubscriptions: number;
  sessions: number;
  runningStreams: number;
  queuedStreams: number;
  /** Database writes sent and not yet answered. */
  pendingWrites: number;
  /** Database writes issued since start (launches, partial saves, final saves, edits). */
  databaseWrites: number;
  /** Answers finished since start, whatever their outcome. */
  answersFinished: number;
  /** Ended answers the database has not accepted yet (their saves are being retried). */
  unsavedAnswers: number;
  /** Characters of text those answers hold in memory (bounded: past a limit new answers wait). */
  unsavedChars: number;
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

/** What the process running the workspace measures about itself. */
export interface RuntimeStats {
  activeConnections: number;
  memory: { rssBytes: number; heapUsedBytes: number };
  /** Over the last 5 to 10 seconds. */
  eventLoopLagMs: { p50: number; p99: number };
}

/** `stats.get`: the workspace's figures and the process's, together. */
export type SystemStats = WorkspaceStats & RuntimeStats;

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: 'ok' | 'error';
  /** Where live events go: this process's memory, or Redis (shared by every instance). */
  eventLog: { backend: 'memory' | 'redis'; state: 'ok' | 'error'; error: string | null };
  providers: ProviderStatus[];
}
