import { useMemo, useState } from 'react';

import { wordDiff, type CompareAnswer } from '@mlb/contracts';

import { useAnswerMask } from '../votes/answer-mask';
import type { AnswerNaming } from './answer-names';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * The words that differ between two answers of a turn, A's only struck through (<del>) and B's
 * only underlined (<ins>). Screen readers do not announce those elements, so each run also says
 * in hidden text whose it is.
 */
export function WordDiff({ answers, naming }: { answers: CompareAnswer[]; naming: AnswerNaming }) {
  const [picked, setPicked] = useState<{ a?: string; b?: string }>({});
  // A pick that is no longer among the answers (another turn) falls back to the first two.
  const find = (id: string | undefined) => answers.find((x) => x.paneId === id);
  const a = find(picked.a) ?? answers[0];
  const b = find(picked.b) ?? answers.find((x) => x !== a) ?? answers[0];
  const mask = useAnswerMask();
  const parts = useMemo(
    () => (a && b ? wordDiff(mask(a.content), mask(b.content)) : null),
    [a, b, mask],
  );
  if (!a || !b || answers.length < 2) return null;
  const removed = parts?.filter((p) => p.kind === 'removed').reduce((n, p) => n + words(p.text), 0);
  const added = parts?.filter((p) => p.kind === 'added').reduce((n, p) => n + words(p.text), 0);
  const choose = (side: 'a' | 'b', label: string, value: CompareAnswer) => (
    <label>
      {label}
      <select
        value={value.paneId}
        onChange={(e) => setPicked((p) => ({ ...p, [side]: e.target.value }))}
      >
        {answers.map((x) => (
          <option key={x.paneId} value={x.paneId}>
            {naming.nameOf(x)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="word-diff" aria-label="Word diff">
      <h3>Word diff</h3>
      <div className="word-diff-pick">
        {choose('a', 'Answer A', a)}
        {choose('b', 'Answer B', b)}
      </div>
      {parts === null ? (
        <p className="muted">These answers differ in too many words for a word diff to help.</p>
      ) : (
        <>
          <p className="muted word-diff-summary" data-testid="word-diff-summary">
            {removed === 0 && added === 0
              ? 'The two answers have the same words.'
              : `${removed} ${removed === 1 ? 'word' : 'words'} only in A (struck through), ${added} ${added === 1 ? 'word' : 'words'} only in B (underlined).`}
          </p>
          <p className="word-diff-text" data-testid="word-diff">
            {parts.map((part, i) =>
              part.kind === 'same' ? (
                <span key={i}>{part.text}</span>
              ) : part.kind === 'removed' ? (
                <del key={i}>
                  <span className="visually-hidden">[only in A: </span>
                  {part.text}
                  <span className="visually-hidden">]</span>
                </del>
              ) : (
                <ins key={i}>
                  <span className="visually-hidden">[only in B: </span>
                  {part.text}
                  <span className="visually-hidden">]</span>
                </ins>
              ),
            )}
          </p>
        </>
      )}
    </section>
  );
}
