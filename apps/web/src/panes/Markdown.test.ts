import { describe, expect, it } from 'vitest';

import { splitBlocks } from './Markdown';

describe('splitBlocks', () => {
  it('splits at blank lines but keeps code fences whole', () => {
    const md = '# Title\n\nPara one\nstill one\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nLast';
    expect(splitBlocks(md)).toEqual([
      '# Title',
      'Para one\nstill one',
      '```ts\nconst a = 1;\n\nconst b = 2;\n```',
      'Last',
    ]);
  });

  it('treats an unterminated fence as one growing block', () => {
    expect(splitBlocks('Intro\n\n```py\nx = 1\n\ny')).toEqual(['Intro', '```py\nx = 1\n\ny']);
  });
});
