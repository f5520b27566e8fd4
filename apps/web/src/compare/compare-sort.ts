import { COMPARE_METRICS, type CompareAnswer, type CompareMetric } from '@mlb/contracts';

export type SortDirection = 'ascending' | 'descending';

/** How the compare table is ordered: by one metric, or (null) by pane position. */
export interface CompareSort {
  key: CompareMetric;
  direction: SortDirection;
}

/** The number a metric column sorts by; null when the answer has none (no metrics, unknown price). */
export function metricValue(answer: CompareAnswer, key: CompareMetric): number | null {
  const m = answer.metrics;
  if (!m) return null;
  switch (key) {
    case 'cost':
      return m.cost;
    case 'ttftMs':
      return m.ttftMs;
    case 'tokensPerSecond':
      return m.tokensPerSecond;
    case 'latencyMs':
      return m.latencyMs;
    case 'outputTokens':
      return m.outputTokens;
  }
}

/**
 * The answers in the sort's order. Answers without the value go last whichever the direction
 * (a missing number is neither best nor worst), and equal values keep pane order.
 */
export function sortAnswers(
  answers: readonly CompareAnswer[],
  sort: CompareSort | null,
): CompareAnswer[] {
  if (!sort) return [...answers];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return answers
    .map((answer, position) => ({ answer, position, value: metricValue(answer, sort.key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return a.value === b.value ? a.position - b.position : a.value === null ? 1 : -1;
      return (a.value - b.value) * sign || a.position - b.position;
    })
    .map((x) => x.answer);
}

/**
 * The sort after a click on a column's header: a new column starts best first (ascending where
 * lower is better, descending for tokens/s); the same column again flips it.
 */
export function nextSort(current: CompareSort | null, key: CompareMetric): CompareSort {
  if (current?.key === key)
    return {
      key,
      direction: current.direction === 'ascending' ? 'descending' : 'ascending',
    };
  const better = COMPARE_METRICS.find((m) => m.key === key)?.better ?? 'lower';
  return { key, direction: better === 'lower' ? 'ascending' : 'descending' };
}
