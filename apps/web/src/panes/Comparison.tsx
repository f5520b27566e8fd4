import type { PaneDetail } from '@mlb/contracts';

import { exactCost, formatCost, formatMs, formatRate, formatTokens } from '../format';
import type { PaneName } from '../votes/blind-names';

/** The latest answer of every pane side by side; scrolls sideways inside itself on a phone. */
export function Comparison({
  panes,
  nameOf,
}: {
  panes: PaneDetail[];
  /** Blind mode's names; by model when not given. */
  nameOf?: (pane: PaneDetail) => PaneName;
}) {
  const rows = panes.map((p) => ({
    pane: p,
    m: [...p.messages].reverse().find((x) => x.role === 'assistant')?.metrics ?? null,
  }));
  return (
    <div
      className="comparison-wrap"
      role="region"
      aria-label="Latest answers compared"
      tabIndex={0}
    >
      <table className="comparison">
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">in</th>
            <th scope="col">out</th>
            <th scope="col">cost</th>
            <th scope="col">TTFT</th>
            <th scope="col">tok/s</th>
            <th scope="col">latency</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ pane, m }) => (
            <tr key={pane.id}>
              <th scope="row">
                {nameOf ? nameOf(pane).label : `${pane.providerId}/${pane.modelId}`}
              </th>
              <td>{formatTokens(m?.inputTokens)}</td>
              <td>{formatTokens(m?.outputTokens)}</td>
              <td title={exactCost(m?.cost)}>{formatCost(m?.cost)}</td>
              <td>{formatMs(m?.ttftMs)}</td>
              <td>{formatRate(m?.tokensPerSecond)}</td>
              <td>{formatMs(m?.latencyMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
