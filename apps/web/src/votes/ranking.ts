import type { CompareTurn, VoteView } from '@mlb/contracts';

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at an end. */
export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** The answers one can vote for: ended ones with something to judge (an error has nothing). */
export function votablePanes(turn: CompareTurn): string[] | null {
  if (turn.answers.some((a) => a.status === 'streaming')) return null;
  const ids = turn.answers
    .filter((a) => a.status === 'complete' || (a.status !== 'error' && a.content !== ''))
    .map((a) => a.paneId);
  return ids.length >= 2 ? ids : null;
}

/** The vote's one winner (alone in first place), if it has one. */
export function winnerOf(vote: VoteView | null): string | null {
  if (!vote) return null;
  const first = vote.entries.filter((e) => e.rank === 1);
  return first.length === 1 ? first[0]!.paneId : null;
}

/** The vote's entries grouped by place, best first: [[a], [b, c]]. */
export function places(vote: VoteView): { rank: number; paneIds: string[] }[] {
  const byRank = new Map<number, string[]>();
  for (const e of vote.entries) byRank.set(e.rank, [...(byRank.get(e.rank) ?? []), e.paneId]);
  return [...byRank.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rank, paneIds]) => ({ rank, paneIds }));
}
