import { broadcastRefInput, voteCastInput } from '@mlb/contracts';

import { publicProcedure, router } from '../trpc';

export const votesRouter = router({
  /** The user's verdict on a turn (best, ranking or tie); voting again replaces it. */
  cast: publicProcedure
    .input(voteCastInput)
    .mutation(({ ctx, input }) => ctx.workspace.votes.cast(input)),
  forBroadcast: publicProcedure
    .input(broadcastRefInput)
    .query(({ ctx, input }) => ctx.workspace.votes.forBroadcast(input.broadcastId)),
});

export const leaderboardRouter = router({
  /** The user's models ranked by Bradley–Terry over every vote, with vote counts. */
  get: publicProcedure.query(({ ctx }) => ctx.workspace.leaderboard()),
});
