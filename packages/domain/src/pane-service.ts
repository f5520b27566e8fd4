import type { PaneView, RunResult, SendToInput } from '@mlb/contracts';
import { requireAdapters } from './adapters';
import type { DomainContext } from './context';
import { DomainError, notFound } from './errors';
import { startAnswer } from './start-answer';
import { contextMessage, threadForRetry } from './thread';

async function requirePane(ctx: DomainContext, paneId: string): Promise<PaneView> {
  const pane = await ctx.db.panes.get(paneId);
  if (!pane) throw notFound('Pane', paneId, 'Reload the session: the pane may have been deleted.');
  return pane;
}

/** Copies a pane's latest answer (or given text) into other panes, as context or as a prompt. */
export async function sendTo(ctx: DomainContext, input: SendToInput & { mode: 'context' | 'prompt' }): Promise<{ runs: RunResult[]; contextMessageIds: string[] }> {
  const source = await requirePane(ctx, input.sourcePaneId);
  const targets = await Promise.all(input.targetPaneIds.map((id) => requirePane(ctx, id)));
  const foreign = targets.find((t) => t.sessionId !== source.sessionId);
  if (foreign) {
    throw new DomainError('BAD_REQUEST', `Pane ${foreign.id} belongs to another session.`, 'Send only to panes of the same session.');
  }
  let text = input.text;
  if (text === undefined) {
    const latest = ctx.runs.get(source.id) ? null : await ctx.db.messages.latestAssistant(source.id);
    if (!latest) {
      throw new DomainError('BAD_REQUEST', 'The source pane has no finished answer to send yet.', 'Wait for it to finish, or select text and send that.');
    }
    text = latest.content;
  }
  const label = `${source.providerId} / ${source.modelId}`;

  if (input.mode === 'context') {
    const ids: string[] = [];
    for (const target of targets) {
      const message = await ctx.db.messages.append({ paneId: target.id, broadcastId: null, role: 'context', content: contextMessage(label, text), status: 'complete' });
      ctx.hub.publish({ type: 'status', sessionId: target.sessionId, paneId: target.id, messageId: message.id, data: { state: ctx.runs.get(target.id)?.state ?? 'idle', userMessage: message } });
      ids.push(message.id);
    }
    await ctx.db.sessions.touch(source.sessionId);
    return { runs: [], contextMessageIds: ids };
  }

  const adapters = requireAdapters(ctx, targets.map((t) => t.providerId));
  ctx.runs.assertCanStart(source.sessionId, targets.map((t) => t.id));
  const broadcast = await ctx.db.broadcasts.create({ sessionId: source.sessionId, prompt: text, kind: 'send_to' });
  const runs = await Promise.all(
    targets.map(async (target) => {
      const userMessage = await ctx.db.messages.append({ paneId: target.id, broadcastId: broadcast.id, role: 'user', content: text, status: 'complete' });
      const thread = await ctx.db.messages.thread(target.id);
      const answer = await startAnswer(ctx, { sessionId: target.sessionId, broadcastId: broadcast.id, pane: target, thread, adapter: adapters.get(target.providerId)!, userMessage });
      return { sessionId: target.sessionId, broadcastId: broadcast.id, ...answer };
    }),
  );
  await ctx.db.sessions.touch(source.sessionId);
  return { runs, contextMessageIds: [] };
}

export async function stopPane(ctx: DomainContext, paneId: string): Promise<{ stopped: boolean }> {
  await requirePane(ctx, paneId);
  return { stopped: ctx.runs.stop(paneId) };
}

/** Runs the pane's last prompt again as a new answer; earlier answers to it stay in history. */
export async function retryPane(ctx: DomainContext, paneId: string): Promise<RunResult> {
  const pane = await requirePane(ctx, paneId);
  const [adapter] = requireAdapters(ctx, [pane.providerId]).values();
  ctx.runs.assertCanStart(pane.sessionId, [pane.id]);
  const thread = threadForRetry(await ctx.db.messages.thread(pane.id));
  if (!thread) throw new DomainError('BAD_REQUEST', 'This pane has no prompt to retry.', 'Broadcast a prompt first.');
  const lastPrompt = thread[thread.length - 1]!;
  const broadcast = await ctx.db.broadcasts.create({ sessionId: pane.sessionId, prompt: lastPrompt.content, kind: 'retry' });
  const answer = await startAnswer(ctx, { sessionId: pane.sessionId, broadcastId: broadcast.id, pane, thread, adapter: adapter! });
  await ctx.db.sessions.touch(pane.sessionId);
  return { sessionId: pane.sessionId, broadcastId: broadcast.id, ...answer };
}
