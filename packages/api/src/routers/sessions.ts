import { tracked, TRPCError, type TrackedEnvelope } from '@trpc/server';

import {
  sessionEventsInput,
  sessionRefInput,
  sessionRenameInput,
  sessionsListInput,
  type PaneEvent,
} from '@mlb/contracts';

import { publicProcedure, router, toTRPCError } from '../trpc';

export const sessionsRouter = router({
  list: publicProcedure
    .input(sessionsListInput)
    .query(({ ctx, input }) => ctx.workspace.sessions.list(input)),
  get: publicProcedure
    .input(sessionRefInput)
    .query(({ ctx, input }) => ctx.workspace.sessions.get(input.sessionId)),
  rename: publicProcedure
    .input(sessionRenameInput)
    .mutation(({ ctx, input }) => ctx.workspace.sessions.rename(input.sessionId, input.title)),
  delete: publicProcedure
    .input(sessionRefInput)
    .mutation(({ ctx, input }) => ctx.workspace.sessions.delete(input.sessionId)),
  /**
   * Live pane events with tracked ids: on reconnect the client sends the last id it saw and gets
   * exactly what it missed. Provider failures arrive as `error` events, never as thrown errors.
   */
  events: publicProcedure.input(sessionEventsInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }): AsyncGenerator<TrackedEnvelope<PaneEvent>> {
    const abort = signal ?? new AbortController().signal;
    try {
      for await (const { id, event } of ctx.workspace.sessions.events(
        input.sessionId,
        input.lastEventId,
        abort,
      )) {
        yield tracked(id, event);
      }
    } catch (error) {
      throw error instanceof TRPCError ? error : toTRPCError(error);
    }
  }),
});
