import type { AnswerMetrics, ProviderStats } from '@mlb/contracts';

interface Counter {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  latencyTotal: number;
  latencyCount: number;
  ttftTotal: number;
  ttftCount: number;
}

/** In-process counters since start: cheap to update on every answer, read by stats and /metrics. */
export class StatsCollector {
  private readonly byProvider = new Map<string, Counter>();
  answers = 0;
  /** Sessions stored, as last counted (what stats report while the database is away). */
  sessions = 0;

  recordAnswer(providerId: string, metrics: AnswerMetrics, failed: boolean): void {
    const c = this.counter(providerId);
    c.requests += 1;
    if (failed) c.errors += 1;
    c.inputTokens += metrics.inputTokens;
    c.outputTokens += metrics.outputTokens;
    c.cost += metrics.cost ?? 0;
    c.latencyTotal += metrics.latencyMs;
    c.latencyCount += 1;
    if (metrics.ttftMs !== null) {
      c.ttftTotal += metrics.ttftMs;
      c.ttftCount += 1;
    }
    this.answers += 1;
  }

  providers(): ProviderStats[] {
    return [...this.byProvider.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([providerId, c]) => ({
        providerId,
        requests: c.requests,
        errors: c.errors,
        errorRate: c.requests === 0 ? 0 : c.errors / c.requests,
        inputTokens: c.inputTokens,
        outputTokens: c.outputTokens,
        cost: c.cost,
        latencyMsAvg: c.latencyCount === 0 ? null : c.latencyTotal / c.latencyCount,
        ttftMsAvg: c.ttftCount === 0 ? null : c.ttftTotal / c.ttftCount,
      }));
  }

  private counter(providerId: string): Counter {
    let c = this.byProvider.get(providerId);
    if (!c) {
      c = {
        requests: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        cost: 0,
        latencyTotal: 0,
        latencyCount: 0,
        ttftTotal: 0,
        ttftCount: 0,
      };
      this.byProvider.set(providerId, c);
    }
    return c;
  }
}
