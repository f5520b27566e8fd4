import { describe, expect, it } from 'vitest';

import type { CompareAnswer, CompareTurn, VoteView } from '@mlb/contracts';

import { moveItem, places, votablePanes, winnerOf } from './ranking';

const answer = (
  paneId: string,
  status: CompareAnswer['status'],
  content = 'text',
): CompareAnswer => ({
  paneId,
  messageId: `m-${paneId}`,
  providerId: 'p',
  modelId: `model-${paneId}`,
  content,
  status,
  endReason: null,
  error: null,
  metrics: null,
  finishRank: null,
});

const turn = (answers: CompareAnswer[]) => ({ answers }) as unknown as CompareTurn;

const vote = (entries: [string, number][]): VoteView => ({
  id: 'v',
  sessionId: 's',
  broadcastId: 'b',
  kind: 'ranking',
  entries: entries.map(([paneId, rank]) => ({ paneId, providerId: 'p', modelId: paneId, rank })),
  createdAt: '2026-01-01T00:00:00Z',
});

describe('moveItem', () => {
  it('swaps an item with its neighbour', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });
  it('leaves the list as it is at either end, and never changes its input', () => {
    const items = ['a', 'b', 'c'];
    expect(moveItem(items, 0, -1)).toEqual(items);
    expect(moveItem(items, 2, 1)).toEqual(items);
    expect(moveItem(items, 5, 1)).toEqual(items);
    moveItem(items, 0, 1);
    expect(items).toEqual(['a', 'b', 'c']);
  });
});

describe('votablePanes', () => {
  it('waits while an answer streams', () => {
    expect(votablePanes(turn([answer('a', 'complete'), answer('b', 'streaming')]))).toBeNull();
  });
  it('offers ended answers with text, not failed ones, and needs two', () => {
    expect(
      votablePanes(
        turn([answer('a', 'complete'), answer('b', 'error', ''), answer('c', 'stopped', 'half')]),
      ),
    ).toEqual(['a', 'c']);
    expect(votablePanes(turn([answer('a', 'complete'), answer('b', 'error', '')]))).toBeNull();
  });
});

describe('winnerOf and places', () => {
  it('finds the one answer in first place', () => {
    expect(
      winnerOf(
        vote([
          ['a', 1],
          ['b', 2],
          ['c', 2],
        ]),
      ),
    ).toBe('a');
    expect(
      winnerOf(
        vote([
          ['a', 1],
          ['b', 1],
        ]),
      ),
    ).toBeNull();
    expect(winnerOf(null)).toBeNull();
  });
  it('groups the entries by place, best first', () => {
    expect(
      places(
        vote([
          ['c', 2],
          ['a', 1],
          ['b', 2],
        ]),
      ),
    ).toEqual([
      { rank: 1, paneIds: ['a'] },
      { rank: 2, paneIds: ['c', 'b'] },
    ]);
  });
});
