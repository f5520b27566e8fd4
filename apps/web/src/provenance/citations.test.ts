import { describe, expect, it } from 'vitest';

import type { Citation, FuseSource } from '@mlb/contracts';

import { citationSources, citedSegments, withoutTrailingMarkers } from './citations';

/** A citation of `paragraph` as the server computes it: its place in `content`. */
function cite(content: string, paragraph: string, labels: string[], n = 0): Citation {
  const start = content.indexOf(paragraph);
  return {
    paragraph: n,
    start,
    end: start + paragraph.length,
    labels,
    sources: labels.map((l) => ({ paneId: `pane-${l}`, messageId: `msg-${l}` })),
  };
}

describe('citedSegments', () => {
  const content = 'Intro without sources.\n\nFirst claim. [A]\n\nMiddle.\n\nSecond claim. [B, C]\n';

  it('splits the answer at its cited paragraphs and keeps every character in order', () => {
    const citations = [
      cite(content, 'Second claim. [B, C]', ['B', 'C'], 3),
      cite(content, 'First claim. [A]', ['A'], 1),
    ];
    const segments = citedSegments(content, citations);
    expect(segments.map((s) => [s.text, s.citation?.labels ?? null])).toEqual([
      ['Intro without sources.\n\n', null],
      ['First claim. [A]', ['A']],
      ['\n\nMiddle.\n\n', null],
      ['Second claim. [B, C]', ['B', 'C']],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(content.trimEnd());
  });

  it('shows the whole answer as one uncited segment without citations', () => {
    expect(citedSegments('Just text.', [])).toEqual([{ text: 'Just text.', citation: null }]);
  });

  it('skips citations that overlap or fall outside the content', () => {
    const good = cite(content, 'First claim. [A]', ['A']);
    const overlapping = { ...good, start: good.start + 2, end: good.end + 4 };
    const outside = { ...good, start: 500, end: 510 };
    const segments = citedSegments(content, [good, overlapping, outside]);
    expect(segments.filter((s) => s.citation)).toHaveLength(1);
    expect(segments.map((s) => s.text).join('')).toBe(content);
  });
});

describe('withoutTrailingMarkers', () => {
  it('drops the labels a paragraph ends with, the chips show them', () => {
    expect(withoutTrailingMarkers('A claim. [A, C]')).toBe('A claim.');
    expect(withoutTrailingMarkers('A claim. [A][C] ')).toBe('A claim.');
    expect(withoutTrailingMarkers('A claim [B] in the middle.')).toBe('A claim [B] in the middle.');
  });

  it('keeps a paragraph that is only markers, and Markdown links', () => {
    expect(withoutTrailingMarkers('[A]')).toBe('[A]');
    expect(withoutTrailingMarkers('See [A](https://example.com)')).toBe(
      'See [A](https://example.com)',
    );
  });
});

describe('citationSources', () => {
  const panes = [
    { id: 'pane-A', providerId: 'litellm', modelId: 'gpt-4o-mini', kind: 'chat' as const },
    { id: 'pane-C', providerId: 'groq', modelId: 'llama-3.1-8b-instant', kind: 'chat' as const },
  ];
  const fuseSources: FuseSource[] = [
    { label: 'B', paneId: 'pane-B', messageId: 'msg-B', providerId: 'google', modelId: 'g' },
  ];

  it('maps each label to its pane and answer, named by the session’s pane', () => {
    const c = cite('x [A, C]', 'x [A, C]', ['A', 'C']);
    expect(citationSources(c, panes)).toEqual([
      { label: 'A', paneId: 'pane-A', messageId: 'msg-A', name: 'litellm / gpt-4o-mini' },
      { label: 'C', paneId: 'pane-C', messageId: 'msg-C', name: 'groq / llama-3.1-8b-instant' },
    ]);
  });

  it('names a pane the session does not show from the fusion’s sources, else not at all', () => {
    const c = cite('x [B, D]', 'x [B, D]', ['B', 'D']);
    expect(citationSources(c, panes, fuseSources).map((s) => s.name)).toEqual(['google / g', null]);
  });

  it('names panes as the workspace does, so blind mode shows letters, not models', () => {
    const c = cite('x [A, C]', 'x [A, C]', ['A', 'C']);
    const blind = (p: { id: string }) => ({ label: p.id === 'pane-A' ? 'Model B' : 'Model A' });
    expect(citationSources(c, panes, [], blind).map((s) => s.name)).toEqual(['Model B', 'Model A']);
  });
});
