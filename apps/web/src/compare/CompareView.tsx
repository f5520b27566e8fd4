import { useState } from 'react';

import { compareTableMarkdown } from '@mlb/contracts';

import { byModel, namesById } from './answer-names';
import { AnswerCard } from './AnswerCard';
import { nextSort, sortAnswers, type CompareSort } from './compare-sort';
import { CompareTable } from './CompareTable';
import { useCompare, type TurnViewProps } from './use-compare';
import { WordDiff } from './WordDiff';

import './compare.css';

const short = (text: string, max = 60) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/**
 * The answers of a turn side by side (the latest turn unless another is chosen): a metrics table
 * that sorts by any metric and marks the best values, the answers in full, a word diff between
 * two of them, and the table as Markdown for the clipboard. compare.get is refetched whenever the
 * session is (App's refetchSession), so it follows answers as they end.
 */
export function CompareView({ sessionId, store, naming = byModel }: TurnViewProps) {
  const compare = useCompare(sessionId);
  const [chosen, setChosen] = useState<string | null>(null);
  const [sort, setSort] = useState<CompareSort | null>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  const turns = compare.data?.turns ?? [];
  const latest = turns.at(-1);
  const turn = turns.find((t) => t.broadcastId === chosen) ?? latest;
  if (compare.isError)
    return (
      <p className="error-text" role="alert">
        The comparison could not be loaded. Close and open Compare to try again.
      </p>
    );
  if (!turn)
    return (
      <p className="muted compare-empty">
        {compare.isPending ? 'Loading the comparison…' : 'No answers to compare yet.'}
      </p>
    );
  const number = turns.indexOf(turn) + 1;
  const isLatest = turn === latest;
  const ordered = naming.order(turn.answers);
  const rows = sortAnswers(ordered, sort);

  const copy = () => {
    const table = compareTableMarkdown(
      { ...turn, answers: ordered },
      namesById(naming, turn.answers),
    );
    void (navigator.clipboard?.writeText(table) ?? Promise.reject(new Error('no clipboard'))).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
    setTimeout(() => setCopied(null), 2000);
  };

  return (
    <section className="compare" aria-label="Compare answers" tabIndex={0}>
      <h2 className="visually-hidden">Compare answers</h2>
      <div className="compare-bar">
        <label>
          Turn
          <select
            value={turn.broadcastId}
            onChange={(e) =>
              setChosen(e.target.value === latest?.broadcastId ? null : e.target.value)
            }
          >
            {turns.map((t, i) => (
              <option key={t.broadcastId} value={t.broadcastId}>
                {i + 1}. {short(t.prompt)}
                {t === latest ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" onClick={copy}>
          Copy as Markdown table
        </button>
        <span role="status" className="copy-status">
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Could not copy' : ''}
        </span>
      </div>
      <p className="compare-prompt">
        <span className="muted">Prompt {number}: </span>
        {turn.prompt}
      </p>
      <CompareTable
        turn={turn}
        rows={rows}
        sort={sort}
        onSort={(key) => setSort((s) => nextSort(s, key))}
        label={isLatest ? 'Latest answers compared' : `Answers to prompt ${number} compared`}
        naming={naming}
      />
      <div className="compare-answers" data-count={Math.min(rows.length, 4)}>
        {rows.map((answer) => (
          <AnswerCard key={answer.paneId} answer={answer} store={store} naming={naming} />
        ))}
      </div>
      <WordDiff key={turn.broadcastId} answers={ordered} naming={naming} />
    </section>
  );
}
