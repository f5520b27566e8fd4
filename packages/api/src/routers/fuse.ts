import { fuseCreateInput } from '@mlb/contracts';

import { publicProcedure, router } from '../trpc';

export const fuseRouter = router({
  /** Fuses chosen answers with a template into a new pane whose paragraphs cite their sources. */
  create: publicProcedure
    .input(fuseCreateInput)
    .mutation(({ ctx, input }) => ctx.workspace.fuse.create(input)),
  /** The templates with the instruction each would send (the remembered one, else the default). */
  templates: publicProcedure.query(({ ctx }) => ctx.workspace.fuse.templates()),
});
