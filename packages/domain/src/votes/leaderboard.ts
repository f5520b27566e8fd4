import type { Leaderboard, LeaderboardEntry, VoteView } from '@mlb/contracts';

import { bradleyTerry, type Outcome } from './bradley-terry';

/** Provider ids never hold a "/" (see providerIdSchema), so the first one splits the key. */
const keyOf = (e: { providerId: string; modelId: string }) => `${e.providerId}/${e.modelId}`;
function modelOf(key: string): { providerId: string; modelId: string } {
  const slash = key.indexOf('/');
  return { providerId: key.slice(0, slash), modelId: key.slice(slash + 1) };
}

/**
 * The pairwise outcomes a vote says: of two panes, the better-placed one won; equal places tie.
 * Two panes of the same model say nothing about it.
 */
export function outcomesOf(vote: VoteView): Outcome[] {
  const out: Outcome[] = [];
  const { entries } = vote;
  for (let i = 0; i < entries.length; i += 1)
    for (let j = i + 1; j < entries.length; j += 1) {
      const x = entries[i]!;
      const y = entries[j]!;
      if (keyOf(x) === keyOf(y)) continue;
      if (x.rank === y.rank) out.push({ a: keyOf(x), b: keyOf(y), score: 0.5 });
      else if (x.rank < y.rank) out.push({ a: keyOf(x), b: keyOf(y), score: 1 });
      else out.push({ a: keyOf(y), b: keyOf(x), score: 1 });
    }
  return out;
}

/** Elo-like points: 1000 for the reference strength, 400 more for every tenfold in odds. */
export const ratingOf = (strength: number): number => 1000 + 400 * Math.log10(strength);

/** The user's models ranked by Bradley–Terry over every vote, with how much each was voted on. */
export function leaderboard(votes: readonly VoteView[]): Leaderboard {
  const votesOf = new Map<string, number>();
  for (const vote of votes)
    for (const key of new Set(vote.entries.map(keyOf)))
      votesOf.set(key, (votesOf.get(key) ?? 0) + 1);
  const strengths = new Map(bradleyTerry(votes.flatMap(outcomesOf)).map((s) => [s.player, s]));
  const entries: Omit<LeaderboardEntry, 'rank'>[] = [...votesOf].map(([key, count]) => {
    const s = strengths.get(key);
    const strength = s?.strength ?? 1;
    return {
      ...modelOf(key),
      rating: ratingOf(strength),
      strength,
      votes: count,
      wins: s?.wins ?? 0,
      losses: s?.losses ?? 0,
      ties: s?.ties ?? 0,
    };
  });
  entries.sort(
    (a, b) => b.rating - a.rating || b.votes - a.votes || keyOf(a).localeCompare(keyOf(b)),
  );
  // Equal ratings (to a millionth of a point, below the iteration's precision) share a place.
  const ranked: LeaderboardEntry[] = [];
  entries.forEach((entry, i) => {
    const previous = ranked[i - 1];
    const tied = previous && Math.abs(previous.rating - entry.rating) < 1e-6;
    ranked.push({ ...entry, rank: tied ? previous.rank : i + 1 });
  });
  return { method: 'bradley-terry', votes: votes.length, entries: ranked };
}
