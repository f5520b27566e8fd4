import { describe, expect, it } from 'vitest';

import type { VoteView } from '@mlb/contracts';

import { leaderboard, outcomesOf, ratingOf } from './leaderboard';

const vote = (entries: [string, number][], kind: VoteView['kind'] = 'ranking'): VoteView => ({
  id: 'v',
  sessionId: 's',
  broadcastId: 'b',
  kind,
  createdAt: '2026-01-01T00:00:00.000Z',
  entries: entries.map(([model, rank], i) => {
    const [providerId, modelId] = model.split('/') as [string, string];
    return { paneId: `p${i}`, providerId, modelId, rank };
  }),
});

describe('outcomesOf', () => {
  it('turns places into pairwise outcomes: the better place wins, equal places tie', () => {
    expect(
      outcomesOf(
        vote([
          ['g/a', 2],
          ['g/b', 1],
          ['g/c', 2],
        ]),
      ),
    ).toEqual([
      { a: 'g/b', b: 'g/a', score: 1 },
      { a: 'g/a', b: 'g/c', score: 0.5 },
      { a: 'g/b', b: 'g/c', score: 1 },
    ]);
  });

  it('says nothing about a model compared with itself', () => {
    expect(
      outcomesOf(
        vote([
          ['g/a', 1],
          ['g/a', 2],
        ]),
      ),
    ).toEqual([]);
  });
});

describe('leaderboard', () => {
  it('ranks models by Bradley–Terry with their votes and outcomes', () => {
    // b beats a in two votes and ties once: b ahead, both counted three times.
    const board = leaderboard([
      vote(
        [
          ['groq/b', 1],
          ['google/a', 2],
        ],
        'best',
      ),
      vote(
        [
          ['groq/b', 1],
          ['google/a', 2],
        ],
        'best',
      ),
      vote(
        [
          ['groq/b', 1],
          ['google/a', 1],
        ],
        'tie',
      ),
    ]);
    expect(board.method).toBe('bradley-terry');
    expect(board.votes).toBe(3);
    expect(
      board.entries.map((e) => [
        e.rank,
        e.providerId,
        e.modelId,
        e.votes,
        e.wins,
        e.losses,
        e.ties,
      ]),
    ).toEqual([
      [1, 'groq', 'b', 3, 2, 0, 1],
      [2, 'google', 'a', 3, 0, 2, 1],
    ]);
    const [first, second] = board.entries;
    expect(first!.rating).toBeCloseTo(ratingOf(first!.strength), 10);
    // The two are mirror images around the reference: p_b · p_a = 1, ratings symmetric about 1000.
    expect(first!.strength * second!.strength).toBeCloseTo(1, 7);
    expect(first!.rating + second!.rating).toBeCloseTo(2000, 5);
  });

  it('shares a place between models with the same rating', () => {
    const board = leaderboard([
      vote(
        [
          ['g/a', 1],
          ['g/b', 1],
          ['g/c', 1],
        ],
        'tie',
      ),
    ]);
    expect(board.entries.map((e) => e.rank)).toEqual([1, 1, 1]);
    for (const entry of board.entries) expect(entry.rating).toBeCloseTo(1000, 8);
  });

  it('is empty without votes', () => {
    expect(leaderboard([])).toEqual({ method: 'bradley-terry', votes: 0, entries: [] });
  });
});
