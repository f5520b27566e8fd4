import { paneRefInput, sendToInput } from '@mlb/contracts';

import { publicProcedure, router } from '../trpc';

export const panesRouter = router({
  sendTo: publicProcedure
    .input(sendToInput)
    .mutation(({ ctx, input }) => ctx.workspace.sendTo(input)),
  stop: publicProcedure
    .input(paneRefInput)
    .mutation(({ ctx, input }) => ctx.workspace.stop(input.paneId)),
  retry: publicProcedure
    .input(paneRefInput)
    .mutation(({ ctx, input }) => ctx.workspace.retry(input.paneId)),
});
