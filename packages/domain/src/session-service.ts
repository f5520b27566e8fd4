import type { PaneEvent, SessionDetail, SessionsPage, SessionSummary } from '@mlb/contracts';

import type { DomainContext } from './context';
import { DomainError, notFound } from './errors';
import { formatEventId } from './event-id';

const FIND_SESSION = 'Pick a session from sessions.list, or start a new one with broadcast.create.';

export async function listSessions(
  ctx: DomainContext,
  input: { cursor?: string | null; limit: number; search?: string | undefined },
): Promise<SessionsPage> {
  return ctx.db.sessions.list({
    cursor: input.cursor ?? null,
    limit: input.limit,
    ...(input.search ? { search: input.search } : {}),
  });
}

/** The saved session, with the live text of answers still streaming laid over the saved part. */
export async function getSession(ctx: DomainContext, sessionId: string): Promise<SessionDetail> {
  const session = await ctx.db.sessions.get(sessionId);
  if (!session) throw notFound('Session', sessionId, FIND_SESSION);
  for (const pane of session.panes) {
    const run = ctx.runs.get(pane.id);
    if (!run) continue;
    pane.state = run.state;
    for (const message of pane.messages) {
      if (message.id === run.spec.messageId) message.content = run.content;
    }
  }
  return session;
}

export async function renameSession(
  ctx: DomainContext,
  sessionId: string,
  title: string,
): Promise<SessionSummary> {
  const session = await ctx.db.sessions.rename(sessionId, title);
  if (!session) throw notFound('Session', sessionId, FIND_SESSION);
  return session;
}

/** Stops the session's running answers first so nothing writes into a deleted session. */
export async function deleteSession(
  ctx: DomainContext,
  sessionId: string,
): Promise<{ deleted: true }> {
  return ctx.locks.run(sessionId, async () => {
    const running = ctx.runs.forSession(sessionId);
    for (const run of running) ctx.runs.stop(run.paneId);
    await Promise.all(running.map((r) => r.done));
    const deleted = await ctx.db.sessions.delete(sessionId);
    if (!deleted) throw notFound('Session', sessionId, FIND_SESSION);
    ctx.hub.forget(sessionId);
    return { deleted: true as const };
  });
}

export interface TrackedPaneEvent {
  id: string;
  event: PaneEvent;
}

/**
 * The session's events for one subscriber: attach to live events first, then replay what the
 * subscriber missed (or send a snapshot when its position is unknown here), then follow live.
 */
export async function* sessionEvents(
  ctx: DomainContext,
  sessionId: string,
  lastEventId: string | null | undefined,
  signal: AbortSignal,
): AsyncGenerator<TrackedPaneEvent> {
  const pending: TrackedPaneEvent[] = [];
  let wake: (() => void) | null = null;
  const detach = ctx.hub.listen(sessionId, (entry) => {
    pending.push({ id: entry.id, event: entry.event });
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);
  try {
    const plan = ctx.hub.planResume(sessionId, lastEventId);
    if (plan.kind === 'replay') {
      if (!(await ctx.db.sessions.exists(sessionId)))
        throw notFound('Session', sessionId, FIND_SESSION);
      for (const entry of plan.events) yield { id: entry.id, event: entry.event };
    } else {
      yield* snapshot(ctx, sessionId, plan.atSeq);
    }
    while (!signal.aborted) {
      while (pending.length > 0) {
        yield pending.shift()!;
        if (signal.aborted) return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } catch (error) {
    // Listening made an event log for the id; an unknown session must not keep one.
    if (error instanceof DomainError && error.code === 'NOT_FOUND') {
      detach();
      ctx.hub.forget(sessionId);
    }
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    detach();
  }
}

/**
 * State of every pane as of `atSeq`: running panes from memory (taken synchronously, so the
 * live events that follow continue it exactly), finished ones from the database.
 */
async function* snapshot(
  ctx: DomainContext,
  sessionId: string,
  atSeq: number,
): AsyncGenerator<TrackedPaneEvent> {
  let index = 0;
  const nextId = () => formatEventId(ctx.hub.epoch, atSeq, index++);
  const running = ctx.runs.forSession(sessionId).map((run) => ({
    paneId: run.paneId,
    messageId: run.spec.messageId,
    state: run.state,
    content: run.published,
  }));
  // One read answers both "does it exist" and "where did each finished pane end".
  const session = await ctx.db.sessions.get(sessionId);
  if (!session) throw notFound('Session', sessionId, FIND_SESSION);
  for (const r of running) {
    yield {
      id: nextId(),
      event: {
        type: 'status',
        sessionId,
        paneId: r.paneId,
        messageId: r.messageId,
        data: { state: r.state, content: r.content },
      },
    };
  }
  for (const pane of session.panes) {
    // A pane that started after we attached has all its events queued already.
    if (running.some((r) => r.paneId === pane.id) || ctx.runs.get(pane.id)) continue;
    const latest = [...pane.messages].reverse().find((m) => m.role === 'assistant');
    if (!latest) continue;
    yield {
      id: nextId(),
      event: {
        type: 'status',
        sessionId,
        paneId: pane.id,
        messageId: latest.id,
        data: {
          state: latest.status === 'streaming' ? 'interrupted' : latest.status,
          content: latest.content,
        },
      },
    };
  }
}
