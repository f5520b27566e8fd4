import { broadcastCreateInput } from '@mlb/contracts';

import { publicProcedure, router } from '../trpc';

export const broadcastRouter = router({
  /** One prompt to N models; returns at once, answers stream as sessions.events. */
  create: publicProcedure
    .input(broadcastCreateInput)
    .mutation(({ ctx, input }) => ctx.workspace.broadcast(input)),
});
