import type {
  EndReason,
  LoggedPaneEvent,
  MessageStatus,
  MessageView,
  PaneState,
  SessionDetail,
  SessionsPage,
  SessionSummary,
  StatusEvent,
} from '@mlb/contracts';
import type { FinishedAnswer } from '@mlb/db';

import type { DomainContext } from './context';
import { DomainError, notFound } from './errors';
import { foldAnswers } from './event-log/answer-fold';
import { snapshotId } from './event-log/event-log';

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
    // Answers other instances stream: each owner stops its run and answers once it has ended.
    const elsewhere = (await ctx.db.messages.streaming({ sessionId })).filter(
      (a) => a.ownerId && a.ownerId !== ctx.instanceId,
    );
    await Promise.all([
      ...running.map((r) => r.done),
      ...elsewhere.map((a) => ctx.bus.requestStop(a.ownerId!, a.paneId)),
    ]);
    const deleted = await ctx.db.sessions.delete(sessionId);
    if (!deleted) throw notFound('Session', sessionId, FIND_SESSION);
    await ctx.hub.forget(sessionId);
    return { deleted: true as const };
  });
}

/** A pane event with its log id (the contract's name for it). */
export type TrackedPaneEvent = LoggedPaneEvent;

/**
 * The session's events for one subscriber, in batches: what it missed after `lastEventId` and
 * then live events, from the session's event log, each batch what the log had for it at once (a
 * batch goes to the client as one message). When the log cannot replay from that id (none given,
 * an id from a restarted memory log, one trimmed away), a `status` snapshot of every pane comes
 * first, as one batch.
 */
export async function* sessionEventBatches(
  ctx: DomainContext,
  sessionId: string,
  lastEventId: string | null | undefined,
  signal: AbortSignal,
): AsyncGenerator<TrackedPaneEvent[]> {
  if (!(await ctx.db.sessions.exists(sessionId)))
    throw notFound('Session', sessionId, FIND_SESSION);
  for await (const item of ctx.hub.follow(sessionId, lastEventId, signal)) {
    if ('deleted' in item)
      throw new DomainError('NOT_FOUND', `Session ${sessionId} was deleted.`, FIND_SESSION);
    const batch = 'gap' in item ? await snapshot(ctx, sessionId, item.at) : item.events;
    if (batch.length > 0) yield batch;
  }
}

/** The same events one at a time (`sessions.events`, the original API's socket). */
export async function* sessionEvents(
  ctx: DomainContext,
  sessionId: string,
  lastEventId: string | null | undefined,
  signal: AbortSignal,
): AsyncGenerator<TrackedPaneEvent> {
  for await (const batch of sessionEventBatches(ctx, sessionId, lastEventId, signal))
    for (const event of batch) yield event;
}

/**
 * State of every pane as of the log position `at`: answers the log holds from their first event
 * are folded from it (the text a follower would have, on whichever instance streams them); the
 * others come from the database. An answer that has ended carries its end and metrics, so a
 * subscriber that missed its `final` and `meter` events does not wait for them.
 */
async function snapshot(
  ctx: DomainContext,
  sessionId: string,
  at: string,
): Promise<TrackedPaneEvent[]> {
  const [logged, panes] = await Promise.all([
    ctx.hub.range(sessionId, at),
    ctx.db.sessions.latestAnswers(sessionId),
  ]);
  if (!panes) throw notFound('Session', sessionId, FIND_SESSION);
  const { latestByPane } = foldAnswers(logged);
  const events: TrackedPaneEvent[] = [];
  const status = (paneId: string, messageId: string, data: StatusEvent['data']) =>
    events.push({
      id: snapshotId(at, events.length),
      event: { type: 'status' as const, sessionId, paneId, messageId, data },
    });
  for (const { paneId, latest: saved } of panes) {
    const folded = latestByPane.get(paneId);
    // The log's view of the pane's latest answer wins when it has it whole: it is what followers
    // saw, also for an answer whose launch is not saved yet or that another instance streams.
    // (An answer the log has whole but older than the saved one is saved itself.)
    if (
      folded?.whole &&
      (!saved ||
        folded.messageId === saved.id ||
        (await ctx.db.messages.get(folded.messageId)) === null)
    ) {
      status(paneId, folded.messageId, {
        state: folded.state,
        content: folded.content,
        ...(folded.end && !RUNNING.has(folded.state) ? { end: folded.end } : {}),
        ...(folded.saved === false ? { saved: false } : {}),
      });
      continue;
    }
    if (!saved) continue;
    const unsaved = ctx.finalSaves.get(saved.id);
    const latest = unsaved ? withEnd(saved, unsaved.finished) : saved;
    status(paneId, latest.id, {
      // Still streaming in the database: another process streams it, or it is about to be
      // found orphaned and ended as interrupted (with an event saying so).
      state: latest.status,
      content: latest.content,
      ...(latest.status === 'streaming' ? {} : { end: endOf(latest) }),
      ...(unsaved ? { saved: false } : {}),
    });
  }
  return events;
}

const RUNNING: ReadonlySet<PaneState> = new Set(['queued', 'streaming']);

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
