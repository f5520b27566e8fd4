import { z } from 'zod';

import { idSchema } from './ids';
import { LIMITS } from './limits';

/**
 * best: the first pane is the best, the others (every other answer of the turn when only one is
 * given) share second place. ranking: best first, in order. tie: all equally good.
 */
export const voteKindSchema = z.enum(['best', 'ranking', 'tie']);
export type VoteKind = z.infer<typeof voteKindSchema>;

export const voteCastInput = z
  .object({
    sessionId: idSchema,
    /** The turn voted on; voting again on it replaces the vote. */
    broadcastId: idSchema,
    kind: voteKindSchema,
    paneIds: z
      .array(idSchema)
      .min(1, 'Name at least the pane you vote for.')
      .max(LIMITS.panesPerBroadcast),
  })
  .refine((v) => new Set(v.paneIds).size === v.paneIds.length, {
    message: 'Each pane may appear once in a vote.',
    path: ['paneIds'],
  })
  .refine((v) => v.kind === 'best' || v.paneIds.length >= 2, {
    message: 'A ranking or a tie compares at least two panes.',
    path: ['paneIds'],
  });
export type VoteCastInput = z.infer<typeof voteCastInput>;

export const broadcastRefInput = z.object({ broadcastId: idSchema });
export type BroadcastRefInput = z.infer<typeof broadcastRefInput>;

/** A vote as saved: each pane's place (1 = best; equal places are ties). */
export interface VoteView {
  id: string;
  sessionId: string;
  broadcastId: string;
  kind: VoteKind;
  entries: { paneId: string; providerId: string; modelId: string; rank: number }[];
  createdAt: string;
}

export interface LeaderboardEntry {
  /** 1-based place; models with the same rating share it. */
  rank: number;
  providerId: string;
  modelId: string;
  /** Elo-like scale: 1000 + 400·log10(strength); a 400-point gap means 10:1 odds. */
  rating: number;
  /** Bradley–Terry strength (relative odds of winning a comparison). */
  strength: number;
  /** Votes the model took part in. */
  votes: number;
  /** Pairwise outcomes derived from those votes. */
  wins: number;
  losses: number;
  ties: number;
}

export interface Leaderboard {
  method: 'bradley-terry';
  /** Votes counted, across every session. */
  votes: number;
  entries: LeaderboardEntry[];
}
