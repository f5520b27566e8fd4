import { diffWords } from 'diff';

/** A run of text both answers share, or that only one of them has. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Past this many word edits two answers are too different for a diff to help (and it gets slow). */
export const WORD_DIFF_MAX_EDITS = 2_000;

/**
 * Word diff from answer `a` to answer `b` (jsdiff's diffWords: words and punctuation are tokens,
 * whitespace is kept but not compared). `removed` text is only in `a`, `added` only in `b`. Null
 * when they differ in more than `maxEdits` words.
 */
export function wordDiff(a: string, b: string, maxEdits = WORD_DIFF_MAX_EDITS): DiffPart[] | null {
  const changes = diffWords(a, b, { maxEditLength: maxEdits });
  if (!changes) return null;
  return changes.map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
