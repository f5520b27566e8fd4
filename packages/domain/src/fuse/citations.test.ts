import { describe, expect, it } from 'vitest';

import type { FuseSource } from '@mlb/contracts';

import { paragraphs, readCitations } from './citations';

const source = (label: string): FuseSource => ({
  label,
  paneId: `pane-${label}`,
  messageId: `answer-${label}`,
  providerId: 'groq',
  modelId: label,
});
const sources = ['A', 'B', 'C'].map(source);

describe('paragraphs', () => {
  it('finds the non-empty paragraphs between blank lines, trimmed, with their places', () => {
    const text = '\n  First one.\nStill first.\n\n \n\tSecond. \n\nThird';
    expect(paragraphs(text).map(({ start, end }) => text.slice(start, end))).toEqual([
      'First one.\nStill first.',
      'Second.',
      'Third',
    ]);
  });

  it('keeps a fenced code block whole, blank lines and all, and breaks after it', () => {
    const code = '```python\ndef f():\n\n    return 1\n```';
    const tilde = '~~~\na\n\n```\nstill code\n\n~~~';
    const text = `Intro:\n${code}\n\nBetween.\n\n${tilde}\n\n  \`\`\`\nnever closed\n\nto the end`;
    expect(paragraphs(text).map(({ start, end }) => text.slice(start, end))).toEqual([
      `Intro:\n${code}`,
      'Between.',
      tilde,
      '```\nnever closed\n\nto the end',
    ]);
  });
});

describe('readCitations', () => {
  it('cites a paragraph with a code block as one, with the code in it', () => {
    const text = 'Use this:\n```js\nconst a = 1;\n\nconst b = 2;\n```\nIt works. [B]\n\nDone. [A]';
    const cited = readCitations(text, sources);
    expect(cited.map((c) => [c.paragraph, c.labels, text.slice(c.start, c.end)])).toEqual([
      [0, ['B'], text.slice(0, text.indexOf('\n\nDone.'))],
      [1, ['A'], 'Done. [A]'],
    ]);
  });

  it('ties each paragraph to the sources its markers name', () => {
    const text =
      'Water boils at 100 °C at sea level. [A, C]\n\nAt altitude it boils lower. [B][A]\n\nMy own view: it depends.';
    expect(readCitations(text, sources)).toEqual([
      {
        paragraph: 0,
        start: 0,
        end: 42,
        labels: ['A', 'C'],
        sources: [
          { paneId: 'pane-A', messageId: 'answer-A' },
          { paneId: 'pane-C', messageId: 'answer-C' },
        ],
      },
      {
        paragraph: 1,
        start: 44,
        end: 78,
        labels: ['A', 'B'],
        sources: [
          { paneId: 'pane-A', messageId: 'answer-A' },
          { paneId: 'pane-B', messageId: 'answer-B' },
        ],
      },
    ]);
    expect(text.slice(0, 42)).toBe('Water boils at 100 °C at sea level. [A, C]');
  });

  it('ignores labels it was not given, Markdown links and references, and lower case', () => {
    const text =
      'See [A](https://example.com) and [Z].\n\n[B]: https://example.com\n\nArrays: x[i], [a].';
    expect(readCitations(text, sources)).toEqual([]);
  });

  it('counts paragraphs the same way with markers in the middle', () => {
    const text = 'Intro without sources.\n\nPoint [B] and point [C].';
    expect(readCitations(text, sources)).toMatchObject([{ paragraph: 1, labels: ['B', 'C'] }]);
  });
});
