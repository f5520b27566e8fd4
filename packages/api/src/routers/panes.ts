import { panePromptInput, paneRefInput, sendToInput } from '@mlb/contracts';

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
  /** The next prompt to this pane only (e.g. the vote's winner); the other panes stay as they are. */
  prompt: publicProcedure
    .input(panePromptInput)
    .mutation(({ ctx, input }) => ctx.workspace.promptPane(input)),
});
