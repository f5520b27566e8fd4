import { modelsListInput } from '@mlb/contracts';

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
  get: publicProcedure.query(({ ctx }) => ctx.workspace.stats()),
});
