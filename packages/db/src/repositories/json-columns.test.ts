import { describe, expect, it } from 'vitest';

import { parseCitations, parseFuseRequest } from './json-columns';

describe('JSON columns read defensively', () => {
  it('reads citations back, dropping entries and sources without the expected shape', () => {
    const good = {
      paragraph: 1,
      start: 5,
      end: 9,
      labels: ['A', 'B'],
      sources: [{ paneId: 'p', messageId: 'm' }],
    };
    expect(
      parseCitations(
        JSON.stringify([
          good,
          { paragraph: -1 },
          { ...good, sources: [{ paneId: 3 }, { paneId: 'q', messageId: 'n' }] },
        ]),
      ),
    ).toEqual([good, { ...good, sources: [{ paneId: 'q', messageId: 'n' }] }]);
    for (const raw of [null, '', 'not json', '{}', '42'])
      expect(parseCitations(raw)).toBeUndefined();
  });

  it('reads a fusion request back only with a known template', () => {
    const request = {
      template: 'critique',
      instruction: 'Critique each.',
      sources: [{ label: 'A', paneId: 'p', messageId: 'm', providerId: 'groq', modelId: 'x' }],
    };
    expect(parseFuseRequest(JSON.stringify(request))).toEqual(request);
    expect(parseFuseRequest(JSON.stringify({ ...request, template: 'poem' }))).toBeUndefined();
    expect(parseFuseRequest(JSON.stringify({ ...request, sources: [{ label: 'A' }] }))).toEqual({
      ...request,
      sources: [],
    });
    expect(parseFuseRequest(null)).toBeUndefined();
  });
});
