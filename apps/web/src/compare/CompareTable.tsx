import { COMPARE_METRICS, formatMetric, type CompareTurn } from '@mlb/contracts';

import { statusLabel, type AnswerNaming } from './answer-names';
import type { CompareSort } from './compare-sort';

/**
 * One turn's metrics, a row per answer: each metric's header sorts by it (click again to flip),
 * and the best value of a column (the API's `best`; ties all) carries a star and the word "best".
 */
export function CompareTable({
  turn,
  rows,
  sort,
  onSort,
  label,
  naming,
}: {
  turn: CompareTurn;
  /** The answers in the order to show. */
  rows: CompareTurn['answers'];
  sort: CompareSort | null;
  onSort: (key: CompareSort['key']) => void;
  label: string;
  naming: AnswerNaming;
}) {
  return (
    <div className="comparison-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="comparison">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Status</th>
            {COMPARE_METRICS.map((m) => {
              const sorted = sort?.key === m.key ? sort.direction : undefined;
              return (
                <th key={m.key} scope="col" aria-sort={sorted ?? 'none'}>
                  <button
                    type="button"
                    className="sort"
                    title={`Sort by ${m.label.toLowerCase()} (${m.better} is better)`}
                    onClick={() => onSort(m.key)}
                  >
                    {m.label}
                    <span aria-hidden="true" className="sort-arrow">
                      {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((answer) => (
            <tr key={answer.paneId} data-pane-id={answer.paneId}>
              <th scope="row">{naming.nameOf(answer)}</th>
              <td className="status-cell">{statusLabel(answer)}</td>
              {COMPARE_METRICS.map((m) => {
                const best = turn.best[m.key].includes(answer.paneId);
                return (
                  <td
                    key={m.key}
                    data-metric={m.key}
                    data-best={best || undefined}
                    className={best ? 'best' : undefined}
                  >
                    {formatMetric(m.key, answer)}
                    {best ? (
                      <>
                        <span aria-hidden="true" className="best-mark">
                          {' '}
                          ★
                        </span>
                        <span className="visually-hidden"> (best)</span>
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
