import { describe, expect, it } from 'vitest';

import { tailSegments } from './tail-segments';

describe('tailSegments', () => {
  it('keeps short text whole', () => {
    expect(tailSegments('')).toEqual(['']);
    expect(tailSegments('one two', 8)).toEqual(['one two']);
  });

  it('cuts after the first break at or past the size, and the pieces join back to the text', () => {
    expect(tailSegments('aaaa bbbb cccc dd', 4)).toEqual(['aaaa ', 'bbbb ', 'cccc ', 'dd']);
    expect(tailSegments('abcdefgh ij\nkl', 3)).toEqual(['abcdefgh ', 'ij\n', 'kl']);
  });

  it('never cuts inside a word, a surrogate pair or a CR LF pair', () => {
    expect(tailSegments('x'.repeat(20), 4)).toEqual(['x'.repeat(20)]);
    expect(tailSegments('😀😀😀 😀', 2)).toEqual(['😀😀😀 ', '😀']);
    expect(tailSegments('ab\r\ncd', 3)).toEqual(['ab\r\n', 'cd']);
  });

  it('leaves earlier pieces unchanged as the text grows, so their text nodes are never touched', () => {
    const text = Array.from({ length: 300 }, (_, i) => `word${i}${i % 17 === 0 ? '\n' : ' '}`).join(
      '',
    );
    let previous = tailSegments('', 32);
    for (let end = 1; end <= text.length; end++) {
      const pieces = tailSegments(text.slice(0, end), 32);
      expect(pieces.join('')).toBe(text.slice(0, end));
      expect(pieces.slice(0, previous.length - 1)).toEqual(previous.slice(0, -1));
      previous = pieces;
    }
  });
});
