import { sessionRefInput } from '@mlb/contracts';

import { publicProcedure, router } from '../trpc';

export const compareRouter = router({
  /** Every turn of a session side by side: answers, metrics with the best marked, race, blind letters, vote, fusions. */
  get: publicProcedure
    .input(sessionRefInput)
    .query(({ ctx, input }) => ctx.workspace.compare(input.sessionId)),
});
