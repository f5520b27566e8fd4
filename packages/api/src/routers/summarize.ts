import { summarizeCreateInput } from '@mlb/contracts';

import { publicProcedure, router } from '../trpc';

export const summarizeRouter = router({
  create: publicProcedure
    .input(summarizeCreateInput)
    .mutation(({ ctx, input }) => ctx.workspace.summarize(input)),
});
