import { describe, expect, it } from 'vitest';

import { chunk } from '@mlb/test-support';

import { loadAnswer, tokensIn } from './load-text';

describe('the load answer', () => {
  it('is cut by the fake upstream into exactly one word per chunk', () => {
    const { text, chunkSize } = loadAnswer(400);
    const chunks = chunk(text, chunkSize);
    expect(chunks).toHaveLength(400);
    expect(chunks[0]).toBe('w000 ');
    expect(chunks[399]).toBe('w399 ');
    expect(chunks.every((c) => /^w\d{3} $/.test(c))).toBe(true);
  });

  it('keeps one word per chunk at other sizes', () => {
    for (const tokens of [1, 10, 50, 1000]) {
      const { text, chunkSize } = loadAnswer(tokens);
      expect(chunk(text, chunkSize)).toHaveLength(tokens);
    }
  });

  it('counts the tokens of a whole or partial text', () => {
    const { text } = loadAnswer(400);
    expect(tokensIn(text)).toBe(400);
    expect(tokensIn(text.slice(0, 12))).toBe(2);
    expect(tokensIn('')).toBe(0);
  });
});
