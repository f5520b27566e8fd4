import type {
  EndReason,
  MessageStatus,
  MessageView,
  PaneEvent,
  SessionDetail,
  SessionsPage,
  SessionSummary,
  StatusEvent,
} from '@mlb/contracts';
import type { FinishedAnswer } from '@mlb/db';

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
    if (run) {
      pane.state = run.state;
      for (const message of pane.messages)
        if (message.id === run.spec.messageId) message.content = run.content;
    }
    // Ended answers whose save the database has not accepted yet.
    pane.messages = pane.messages.map((message) => {
      const unsaved = ctx.finalSaves.get(message.id);
      return unsaved ? withEnd(message, unsaved.finished) : message;
    });
    const latest = pane.messages.findLast((m) => m.role === 'assistant');
    if (!run && latest && ctx.finalSaves.get(latest.id)) pane.state = latest.status;
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
 * live events that follow continue it exactly), the others from the database. An answer that has
 * ended carries its end and metrics, so a subscriber that missed its `final` and `meter` events
 * does not wait for them.
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
    end: run.end,
  }));
  // One read answers both "does it exist" and "where did each finished pane end".
  const session = await ctx.db.sessions.get(sessionId);
  if (!session) throw notFound('Session', sessionId, FIND_SESSION);
  const status = (paneId: string, messageId: string, data: StatusEvent['data']) => ({
    id: nextId(),
    event: { type: 'status' as const, sessionId, paneId, messageId, data },
  });
  for (const r of running) {
    yield status(r.paneId, r.messageId, {
      state: r.state,
      content: r.content,
      ...(r.end ? { end: r.end } : {}),
    });
  }
  for (const pane of session.panes) {
    // A pane that started after we attached has all its events queued already.
    if (running.some((r) => r.paneId === pane.id) || ctx.runs.get(pane.id)) continue;
    const saved = [...pane.messages].reverse().find((m) => m.role === 'assistant');
    if (!saved) continue;
    const unsaved = ctx.finalSaves.get(saved.id);
    const latest = unsaved ? withEnd(saved, unsaved.finished) : saved;
    yield status(pane.id, latest.id, {
      // Still streaming in the database: another process streams it, or it is about to be
      // found orphaned and ended as interrupted (with an event saying so).
      state: latest.status,
      content: latest.content,
      ...(latest.status === 'streaming' ? {} : { end: endOf(latest) }),
      ...(unsaved ? { saved: false } : {}),
    });
  }
}

/** A saved message with the end an answer reached in memory laid over it (its save is pending). */
function withEnd(message: MessageView, finished: FinishedAnswer): MessageView {
  const { metrics } = finished;
  return {
    ...message,
    content: finished.content,
    status: finished.status,
    endReason: finished.endReason,
    finishReason: finished.finishReason,
    error: finished.error,
    ...(finished.citations ? { citations: finished.citations } : {}),
    metrics: metrics && {
      inputTokens: metrics.inputTokens,
      outputTokens: metrics.outputTokens,
      cachedTokens: metrics.cachedTokens,
      cost: metrics.cost,
      ttftMs: metrics.ttftMs,
      latencyMs: metrics.latencyMs,
      tokensPerSecond: metrics.tokensPerSecond,
      retries: metrics.retries,
      estimated: metrics.estimated,
    },
  };
}

/** Rows written before the end reason was recorded say only their status. */
const REASON_OF_STATUS: Record<Exclude<MessageStatus, 'streaming'>, EndReason> = {
  complete: 'done',
  stopped: 'stopped',
  error: 'error',
  interrupted: 'interrupted',
};

function endOf(message: MessageView): NonNullable<StatusEvent['data']['end']> {
  const status = message.status === 'streaming' ? 'interrupted' : message.status;
  return {
    reason: message.endReason ?? REASON_OF_STATUS[status],
    providerFinishReason: message.finishReason,
    error: message.error,
    metrics: message.metrics && {
      ...message.metrics,
      tokensUsed: message.metrics.inputTokens + message.metrics.outputTokens,
    },
  };
}
