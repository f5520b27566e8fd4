import type { Leaderboard, VoteCastInput, VoteView } from '@mlb/contracts';

import { turnsOf } from '../compare/turns';
import type { DomainContext } from '../context';
import { DomainError, notFound } from '../errors';
import { leaderboard } from './leaderboard';

/** Each voted pane's place: 1 is best, equal places tie. */
function placesOf(input: VoteCastInput, answered: readonly string[]) {
  const [first] = input.paneIds;
  switch (input.kind) {
    case 'best': {
      // The winner alone: every other answer of the turn shares second place.
      const others =
        input.paneIds.length > 1 ? input.paneIds.slice(1) : answered.filter((id) => id !== first);
      return [{ paneId: first!, rank: 1 }, ...others.map((paneId) => ({ paneId, rank: 2 }))];
    }
    case 'ranking':
      return input.paneIds.map((paneId, i) => ({ paneId, rank: i + 1 }));
    case 'tie':
      return input.paneIds.map((paneId) => ({ paneId, rank: 1 }));
  }
}

/** Saves the user's verdict on a turn (replacing an earlier one); the panes must have answered it. */
export async function castVote(ctx: DomainContext, input: VoteCastInput): Promise<VoteView> {
  return ctx.locks.run(input.sessionId, async () => {
    const session = await ctx.db.sessions.get(input.sessionId);
    if (!session) throw notFound('Session', input.sessionId, 'Pick a session from sessions.list.');
    const turn = turnsOf(session.panes).get(input.broadcastId);
    if (!turn)
      throw new DomainError(
        'BAD_REQUEST',
        `Turn ${input.broadcastId} is not in this session.`,
        'Vote on a turn that compare.get lists for the session.',
      );
    const answered = session.panes.filter((p) => turn.get(p.id)?.answer).map((p) => p.id);
    const unknown = input.paneIds.filter((id) => !answered.includes(id));
    if (unknown.length > 0)
      throw new DomainError(
        'BAD_REQUEST',
        `${unknown.length === 1 ? 'Pane' : 'Panes'} ${unknown.join(', ')} gave no answer in this turn.`,
        'Vote only for panes that answered the turn (its answers in compare.get).',
      );
    const entries = placesOf(input, answered);
    if (entries.length < 2)
      throw new DomainError(
        'BAD_REQUEST',
        'A vote compares at least two answers, and this turn has one.',
        'Vote on a turn that more than one pane answered.',
      );
    return ctx.db.votes.cast({
      sessionId: input.sessionId,
      broadcastId: input.broadcastId,
      kind: input.kind,
      entries,
    });
  });
}

export const voteFor = (ctx: DomainContext, broadcastId: string): Promise<VoteView | null> =>
  ctx.db.votes.forBroadcast(broadcastId);

export async function getLeaderboard(ctx: DomainContext): Promise<Leaderboard> {
  return leaderboard(await ctx.db.votes.all());
}
