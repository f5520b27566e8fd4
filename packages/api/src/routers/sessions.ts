import { tracked, TRPCError, type TrackedEnvelope } from '@trpc/server';

import {
  sessionBudgetInput,
  sessionEventsInput,
  sessionExportInput,
  sessionForkInput,
  sessionImportInput,
  sessionRefInput,
  sessionRenameInput,
  sessionsListInput,
  type LoggedPaneEvent,
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
  /** USD for all the session's answers together (null: none); returns where spending stands. */
  setBudget: publicProcedure
    .input(sessionBudgetInput)
    .mutation(({ ctx, input }) => ctx.workspace.sessions.setBudget(input)),
  /** A new session that starts with one pane's thread. */
  fork: publicProcedure
    .input(sessionForkInput)
    .mutation(({ ctx, input }) => ctx.workspace.sessions.fork(input)),
  /** The session as a Markdown or JSON file. */
  export: publicProcedure
    .input(sessionExportInput)
    .query(({ ctx, input }) => ctx.workspace.sessions.export(input)),
  /** A JSON export read back as a new session (new ids, nothing shared). */
  import: publicProcedure
    .input(sessionImportInput)
    .mutation(({ ctx, input }) => ctx.workspace.sessions.import(input)),
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
  /**
   * The same events as `events`, several to a message: each message carries what the session's
   * log had at once (typically the panes whose tokens were flushed in the same moment), tracked
   * by its last event's id, so a reconnect resumes exactly as with `events`. One message per
   * batch instead of one per event is what a client of many panes should follow; the web
   * workspace does.
   */
  eventBatches: publicProcedure.input(sessionEventsInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }): AsyncGenerator<TrackedEnvelope<LoggedPaneEvent[]>> {
    const abort = signal ?? new AbortController().signal;
    try {
      for await (const batch of ctx.workspace.sessions.eventBatches(
        input.sessionId,
        input.lastEventId,
        abort,
      )) {
        yield tracked(batch[batch.length - 1]!.id, batch);
      }
    } catch (error) {
      throw error instanceof TRPCError ? error : toTRPCError(error);
    }
  }),
});
