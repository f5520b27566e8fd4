import type { BroadcastCreateInput, BroadcastResult, ModelSelection, PaneView } from '@mlb/contracts';
import { requireAdapters } from './adapters';
import type { DomainContext } from './context';
import { notFound } from './errors';
import { startAnswer } from './start-answer';

const TITLE_LENGTH = 60;

export function titleFromPrompt(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim();
  return line.length <= TITLE_LENGTH ? line : `${line.slice(0, TITLE_LENGTH - 1).trimEnd()}…`;
}

/** One prompt fanned out to N panes; each answer then lives on its own. */
export async function createBroadcast(ctx: DomainContext, input: BroadcastCreateInput): Promise<BroadcastResult> {
  const adapters = requireAdapters(ctx, input.models.map((m) => m.providerId));
  let session: { id: string; panes: PaneView[] };
  if (input.sessionId) {
    const found = await ctx.db.sessions.get(input.sessionId);
    if (!found) throw notFound('Session', input.sessionId, 'Leave sessionId out to start a new session, or pick one from sessions.list.');
    session = found;
  } else {
    session = { ...(await ctx.db.sessions.create({ title: input.title ?? titleFromPrompt(input.prompt) })), panes: [] };
  }
  const existing = session.panes;
  const panes = await panesFor(ctx, session.id, existing, input.models);
  ctx.runs.assertCanStart(session.id, panes.map((p) => p.id));

  const broadcast = await ctx.db.broadcasts.create({ sessionId: session.id, prompt: input.prompt, kind: 'broadcast' });
  const started = await Promise.all(
    panes.map(async (pane) => {
      const userMessage = await ctx.db.messages.append({ paneId: pane.id, broadcastId: broadcast.id, role: 'user', content: input.prompt, status: 'complete' });
      const thread = await ctx.db.messages.thread(pane.id);
      const answer = await startAnswer(ctx, { sessionId: session.id, broadcastId: broadcast.id, pane, thread, adapter: adapters.get(pane.providerId)!, userMessage });
      return { ...answer, providerId: pane.providerId, modelId: pane.modelId };
    }),
  );
  await ctx.db.sessions.touch(session.id);
  ctx.logger.info({ sessionId: session.id, broadcastId: broadcast.id, panes: started.length }, 'broadcast started');
  return { sessionId: session.id, broadcastId: broadcast.id, panes: started };
}

/**
 * A follow-up continues each model's own pane; a model new to the session gets a new pane.
 * Parameters and system prompt given with the request apply to this answer.
 */
async function panesFor(ctx: DomainContext, sessionId: string, existing: PaneView[], models: ModelSelection[]): Promise<PaneView[]> {
  const free = existing.filter((p) => p.kind === 'chat');
  const result: PaneView[] = [];
  for (const model of models) {
    const index = free.findIndex((p) => p.providerId === model.providerId && p.modelId === model.modelId);
    if (index >= 0) {
      const [pane] = free.splice(index, 1);
      result.push({
        ...pane!,
        params: model.params ?? pane!.params,
        systemPrompt: model.systemPrompt ?? pane!.systemPrompt,
      });
    } else {
      result.push(
        await ctx.db.panes.create({
          sessionId,
          providerId: model.providerId,
          modelId: model.modelId,
          kind: 'chat',
          params: model.params ?? {},
          systemPrompt: model.systemPrompt ?? null,
        }),
      );
    }
  }
  return result;
}
