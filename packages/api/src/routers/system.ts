import { modelsListInput, type SystemStats } from '@mlb/contracts';

import { publicProcedure, router } from '../trpc';

export const modelsRouter = router({
  list: publicProcedure
    .input(modelsListInput)
    .query(({ ctx, input }) => ctx.workspace.models(input?.refresh ?? false)),
});

export const providersRouter = router({
  health: publicProcedure.query(({ ctx }) => ctx.workspace.providersHealth()),
});

export const statsRouter = router({
  get: publicProcedure.query(async ({ ctx }): Promise<SystemStats> => ({
    ...(await ctx.workspace.stats()),
    ...ctx.runtime(),
  })),
});
