import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

import type { SystemStats } from '@mlb/contracts';

/**
 * Prometheus exposition of the same figures as stats.get (plus Node's default process metrics).
 * Gauges are filled from one stats read per scrape, so the two views never disagree.
 */
export function createMetricsRegistry(readStats: () => Promise<SystemStats>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'broadcast_' });
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name: `broadcast_${name}`, help, labelNames, registers: [registry] });
  const g = {
    connections: gauge('active_connections', 'Open WebSocket connections'),
    subscriptions: gauge('active_subscriptions', 'Live session event subscriptions'),
    sessions: gauge('sessions', 'Sessions stored'),
    instance: gauge('instance_info', 'This server process and where its live events go', [
      'instance',
      'event_log',
    ]),
    running: gauge('running_streams', 'Answers this process is streaming now', ['instance']),
    queued: gauge('queued_streams', 'Answers waiting for a stream slot here', ['instance']),
    pendingWrites: gauge('pending_writes', 'Database writes in flight'),
    dbWrites: gauge('database_writes', 'Database writes issued by answers since start'),
    answers: gauge('answers_finished', 'Answers finished since start'),
    unsavedAnswers: gauge(
      'unsaved_answers',
      'Ended answers the database has not accepted yet (their saves are retried)',
    ),
    unsavedChars: gauge('unsaved_chars', 'Characters of text held for those answers'),
    lag: gauge('event_loop_lag_ms', 'Event loop delay over the last 5 to 10 s', ['quantile']),
    requests: gauge('provider_requests', 'Answers requested per provider since start', [
      'provider',
    ]),
    errors: gauge('provider_errors', 'Answers that failed per provider since start', ['provider']),
    errorRate: gauge('provider_error_rate', 'Failed / requested per provider', ['provider']),
    tokens: gauge('provider_tokens', 'Tokens per provider since start', ['provider', 'direction']),
    cost: gauge('provider_cost_usd', 'Cost in USD per provider since start', ['provider']),
    latency: gauge('provider_latency_ms_avg', 'Average answer latency per provider', ['provider']),
    ttft: gauge('provider_ttft_ms_avg', 'Average time to first token per provider', ['provider']),
  };
  return async function metricsText(): Promise<{ contentType: string; body: string }> {
    const s = await readStats();
    g.connections.set(s.activeConnections);
    g.subscriptions.set(s.activeSubscriptions);
    g.sessions.set(s.sessions);
    const instance = s.instanceId;
    g.instance.set({ instance, event_log: s.eventLogBackend }, 1);
    g.running.set({ instance }, s.runningStreams);
    g.queued.set({ instance }, s.queuedStreams);
    g.pendingWrites.set(s.pendingWrites);
    g.dbWrites.set(s.databaseWrites);
    g.answers.set(s.answersFinished);
    g.unsavedAnswers.set(s.unsavedAnswers);
    g.unsavedChars.set(s.unsavedChars);
    g.lag.set({ quantile: '0.5' }, s.eventLoopLagMs.p50);
    g.lag.set({ quantile: '0.99' }, s.eventLoopLagMs.p99);
    for (const p of s.providers) {
      const provider = p.providerId;
      g.requests.set({ provider }, p.requests);
      g.errors.set({ provider }, p.errors);
      g.errorRate.set({ provider }, p.errorRate);
      g.tokens.set({ provider, direction: 'input' }, p.inputTokens);
      g.tokens.set({ provider, direction: 'output' }, p.outputTokens);
      g.cost.set({ provider }, p.cost);
      if (p.latencyMsAvg !== null) g.latency.set({ provider }, p.latencyMsAvg);
      if (p.ttftMsAvg !== null) g.ttft.set({ provider }, p.ttftMsAvg);
    }
    return { contentType: registry.contentType, body: await registry.metrics() };
  };
}
