import { describe, expect, it } from 'vitest';

import { wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('marks the words only one answer has, keeping the shared ones', () => {
    expect(wordDiff('The sky is blue today.', 'The sky is grey today.')).toEqual([
      { kind: 'same', text: 'The sky is ' },
      { kind: 'removed', text: 'blue' },
      { kind: 'added', text: 'grey' },
      { kind: 'same', text: ' today.' },
    ]);
  });

  it('gives each side back whole: same+removed is a, same+added is b', () => {
    const a = 'Paris is the capital of France. It has 2.1 million people.';
    const b = 'Paris, the capital of France, has about 2.1 million inhabitants.';
    const parts = wordDiff(a, b)!;
    const side = (skip: 'added' | 'removed') =>
      parts
        .filter((p) => p.kind !== skip)
        .map((p) => p.text)
        .join('');
    expect(side('added')).toBe(a);
    expect(side('removed')).toBe(b);
  });

  it('treats equal answers as one shared run', () => {
    expect(wordDiff('Same text.', 'Same text.')).toEqual([{ kind: 'same', text: 'Same text.' }]);
  });

  it('gives up (null) on answers that differ in more words than allowed', () => {
    expect(wordDiff('one two three four', 'five six seven eight', 3)).toBeNull();
    expect(wordDiff('one two three four', 'one two three five', 3)).not.toBeNull();
  });
});
