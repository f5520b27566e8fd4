import type { PaneView, RunResult, SendToInput, SendToResult } from '@mlb/contracts';

import { requireAdapters } from './adapters';
import { planSpend } from './budget/plan-spend';
import { assertIdleElsewhere } from './busy-elsewhere';
import type { DomainContext } from './context';
import { DomainError, notFound } from './errors';
import { forecastTarget } from './forecast/forecast-model';
import { launchAnswers } from './launch-answers';
import { contextMessage, threadForRetry } from './thread';

async function requirePane(ctx: DomainContext, paneId: string): Promise<PaneView> {
  const pane = await ctx.db.panes.get(paneId);
  if (!pane) throw notFound('Pane', paneId, 'Reload the session: the pane may have been deleted.');
  return pane;
}

/** Copies a pane's latest answer (or given text) into other panes, as context or as a prompt. */
export async function sendTo(
  ctx: DomainContext,
  input: SendToInput & { mode: 'context' | 'prompt' },
): Promise<SendToResult> {
  const source = await requirePane(ctx, input.sourcePaneId);
  return ctx.locks.run(source.sessionId, async () => {
    const session = await ctx.db.sessions.get(source.sessionId);
    if (!session)
      throw notFound('Session', source.sessionId, 'Reload: the session may have been deleted.');
    const targets = input.targetPaneIds.map((id) => {
      const target = session.panes.find((p) => p.id === id);
      if (target) return target;
      throw new DomainError(
        'BAD_REQUEST',
        `Pane ${id} is not in the source pane's session.`,
        'Send only to panes of the same session (see sessions.get).',
      );
    });
    let text = input.text;
    // Provenance: the answer sent, when the text is the answer (not a selection from it).
    let sourceMessageId: string | null = null;
    if (text === undefined) {
      const latest = ctx.runs.get(source.id)
        ? null
        : await ctx.db.messages.latestAssistant(source.id);
      if (!latest) {
        throw new DomainError(
          'BAD_REQUEST',
          'The source pane has no finished answer to send yet.',
          'Wait for it to finish, or select text and send that.',
        );
      }
      text = latest.content;
      sourceMessageId = latest.id;
    }
    const provenance = { source: { paneId: source.id, messageId: sourceMessageId } };
    const label = `${source.providerId} / ${source.modelId}`;

    if (input.mode === 'context') {
      const lastEventId = await ctx.hub.head(source.sessionId);
      const ids: string[] = [];
      for (const target of targets) {
        const message = await ctx.db.messages.append({
          paneId: target.id,
          broadcastId: null,
          role: 'context',
          content: contextMessage(label, text),
          status: 'complete',
          ...provenance,
        });
        ctx.hub.publish({
          type: 'status',
          sessionId: target.sessionId,
          paneId: target.id,
          messageId: message.id,
          data: { state: ctx.runs.get(target.id)?.state ?? 'idle', userMessage: message },
        });
        ids.push(message.id);
      }
      await ctx.db.sessions.touch(source.sessionId);
      return { runs: [], contextMessageIds: ids, lastEventId };
    }

    const adapters = requireAdapters(
      ctx,
      targets.map((t) => t.providerId),
    );
    ctx.runs.assertCanStart(
      source.sessionId,
      targets.map((t) => t.id),
    );
    assertIdleElsewhere(ctx, targets);
    const launchTargets = targets.map(({ messages, state: _state, totals: _totals, ...pane }) => ({
      pane,
      isNew: false,
      thread: messages,
      prompt: text,
      adapter: adapters.get(pane.providerId)!,
      userExtras: provenance,
    }));
    const { broadcastId, answers, lastEventId } = await launchAnswers(ctx, {
      session: { id: session.id, title: session.title, isNew: false },
      broadcast: { prompt: text, kind: 'send_to' },
      targets: launchTargets,
      budget: await planSpend(ctx, {
        limits: { session: { id: session.id, budgetUsd: session.budgetUsd ?? null } },
        targets: launchTargets.map(forecastTarget),
        refuse: 'spent',
      }),
    });
    return {
      runs: answers.map((a) => ({
        sessionId: session.id,
        broadcastId,
        paneId: a.paneId,
        messageId: a.messageId,
        lastEventId,
      })),
      contextMessageIds: [],
      lastEventId,
    };
  });
}

/**
 * Stops the pane's running answer, wherever it runs: here, or (with several instances) on the
 * instance that owns it, which answers once the run has stopped. False when nothing was running.
 */
export async function stopPane(ctx: DomainContext, paneId: string): Promise<{ stopped: boolean }> {
  await requirePane(ctx, paneId);
  if (ctx.runs.stop(paneId)) return { stopped: true };
  for (const { ownerId } of await ctx.db.messages.streaming({ paneId })) {
    if (ownerId && ownerId !== ctx.instanceId)
      return { stopped: await ctx.bus.requestStop(ownerId, paneId) };
  }
  return { stopped: false };
}

/** Runs the pane's last prompt again as a new answer; earlier answers to it stay in history. */
export async function retryPane(ctx: DomainContext, paneId: string): Promise<RunResult> {
  const pane = await requirePane(ctx, paneId);
  const [adapter] = requireAdapters(ctx, [pane.providerId]).values();
  return ctx.locks.run(pane.sessionId, async () => {
    ctx.runs.assertCanStart(pane.sessionId, [pane.id]);
    const session = await ctx.db.sessions.get(pane.sessionId);
    if (!session)
      throw notFound('Session', pane.sessionId, 'Reload: the session may have been deleted.');
    assertIdleElsewhere(
      ctx,
      session.panes.filter((p) => p.id === pane.id),
    );
    const thread = threadForRetry(session.panes.find((p) => p.id === pane.id)?.messages ?? []);
    if (!thread)
      throw new DomainError(
        'BAD_REQUEST',
        'This pane has no prompt to retry.',
        'Broadcast a prompt first.',
      );
    const target = { pane, isNew: false, thread, prompt: null, adapter: adapter! };
    const { broadcastId, answers, lastEventId } = await launchAnswers(ctx, {
      session: { id: session.id, title: session.title, isNew: false },
      broadcast: { prompt: thread[thread.length - 1]!.content, kind: 'retry' },
      targets: [target],
      budget: await planSpend(ctx, {
        limits: { session: { id: session.id, budgetUsd: session.budgetUsd ?? null } },
        targets: [forecastTarget(target)],
        refuse: 'spent',
      }),
    });
    return {
      sessionId: pane.sessionId,
      broadcastId,
      paneId: answers[0]!.paneId,
      messageId: answers[0]!.messageId,
      lastEventId,
    };
  });
}
