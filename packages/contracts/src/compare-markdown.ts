import {
  COMPARE_METRICS,
  type CompareAnswer,
  type CompareMetric,
  type CompareTurn,
} from './compare';

/** A metric's value as a comparison shows it; an em dash when the answer has none. */
export function formatMetric(metric: CompareMetric, answer: CompareAnswer): string {
  const m = answer.metrics;
  if (!m) return '—';
  const approx = m.estimated ? '~' : '';
  switch (metric) {
    case 'cost':
      return m.cost === null ? 'unknown price' : `${approx}${formatUsd(m.cost)}`;
    case 'ttftMs':
      return m.ttftMs === null ? '—' : `${Math.round(m.ttftMs)} ms`;
    case 'tokensPerSecond':
      return m.tokensPerSecond === null ? '—' : m.tokensPerSecond.toFixed(1);
    case 'latencyMs':
      return m.latencyMs < 1000
        ? `${Math.round(m.latencyMs)} ms`
        : `${(m.latencyMs / 1000).toFixed(2)} s`;
    case 'outputTokens':
      return `${approx}${m.outputTokens.toLocaleString('en')}`;
  }
}

/** USD with enough digits to tell small answers apart: $0.000123, $0.0123, $1.23. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  return `$${usd.toPrecision(3).replace(/0+$/, '')}`;
}

const cell = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/**
 * One turn's answers as a Markdown table: a row per answer, a column per metric, the best value of
 * each column in bold. `names` overrides how a pane is named (e.g. blind letters).
 */
export function compareTableMarkdown(turn: CompareTurn, names?: Record<string, string>): string {
  const header = ['Model', 'Status', ...COMPARE_METRICS.map((m) => m.label)];
  const rows = turn.answers.map((answer) => {
    const name = names?.[answer.paneId] ?? `${answer.providerId} / ${answer.modelId}`;
    const status =
      answer.endReason && answer.endReason !== 'done' && answer.endReason !== answer.status
        ? `${answer.status} (${answer.endReason})`
        : answer.status;
    return [
      name,
      status,
      ...COMPARE_METRICS.map(({ key }) => {
        const value = formatMetric(key, answer);
        return turn.best[key].includes(answer.paneId) ? `**${value}**` : value;
      }),
    ];
  });
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
