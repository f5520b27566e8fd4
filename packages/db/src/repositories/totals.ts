import type { AnswerMetrics, MetricsTotals } from '@mlb/contracts';

export function totalsOf(metrics: readonly (AnswerMetrics | null)[]): MetricsTotals {
  const totals: MetricsTotals = { answers: 0, inputTokens: 0, outputTokens: 0, cost: 0 };
  for (const m of metrics) {
    if (!m) continue;
    totals.answers += 1;
    totals.inputTokens += m.inputTokens;
    totals.outputTokens += m.outputTokens;
    totals.cost += m.cost ?? 0;
  }
  return totals;
}
