import type {
  BroadcastCreateInput,
  BroadcastResult,
  MessageView,
  ModelSelection,
  PaneView,
} from '@mlb/contracts';

import { requireAdapters } from './adapters';
import { planSpend } from './budget/plan-spend';
import { assertIdleElsewhere } from './busy-elsewhere';
import type { DomainContext } from './context';
import { notFound } from './errors';
import { forecastTarget } from './forecast/forecast-model';
import {
  launchAnswers,
  newId,
  nextPosition,
  plannedPane,
  type LaunchTarget,
} from './launch-answers';

const TITLE_LENGTH = 60;

export function titleFromPrompt(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim();
  return line.length <= TITLE_LENGTH ? line : `${line.slice(0, TITLE_LENGTH - 1).trimEnd()}…`;
}

interface PaneWithThread {
  pane: PaneView;
  messages: MessageView[];
}

/** One prompt fanned out to N panes; each answer then lives on its own. */
export async function createBroadcast(
  ctx: DomainContext,
  input: BroadcastCreateInput,
): Promise<BroadcastResult> {
  const adapters = requireAdapters(
    ctx,
    input.models.map((m) => m.providerId),
  );
  const sessionId = input.sessionId ?? newId();
  return ctx.locks.run(sessionId, async () => {
    let existing: PaneWithThread[] = [];
    let title = input.title ?? titleFromPrompt(input.prompt);
    let sessionBudgetUsd: number | null = null;
    let sessionIsNew = !input.sessionId;
    if (input.sessionId) {
      const found = await ctx.db.sessions.threads(input.sessionId);
      if (found) {
        existing = found.panes;
        title = found.title;
        sessionBudgetUsd = found.budgetUsd;
      } else if (input.createIfMissing) {
        sessionIsNew = true;
      } else {
        throw notFound(
          'Session',
          input.sessionId,
          'Leave sessionId out to start a new session, or pick one from sessions.list.',
        );
      }
    }
    const targets = panesFor(sessionId, existing, input.models).map(
      ({ pane, messages, isNew }): LaunchTarget => ({
        pane,
        isNew,
        thread: messages,
        prompt: input.prompt,
        adapter: adapters.get(pane.providerId)!,
      }),
    );
    assertIdleElsewhere(
      ctx,
      targets.filter((t) => !t.isNew).map((t) => ({ id: t.pane.id, messages: t.thread })),
    );
    ctx.runs.assertCanStart(
      sessionId,
      targets.map((t) => t.pane.id),
    );
    const budget = await planSpend(ctx, {
      limits: {
        broadcastUsd: input.budgetUsd,
        session: input.sessionId ? { id: sessionId, budgetUsd: sessionBudgetUsd } : undefined,
      },
      targets: targets.map(forecastTarget),
      refuse: 'forecast',
      confirmOverBudget: input.confirmOverBudget,
    });
    const { broadcastId, answers, lastEventId } = await launchAnswers(ctx, {
      session: { id: sessionId, title, isNew: sessionIsNew },
      broadcast: { prompt: input.prompt, kind: 'broadcast', budgetUsd: input.budgetUsd },
      targets,
      budget,
    });
    ctx.logger.info({ sessionId, broadcastId, panes: answers.length }, 'broadcast started');
    return { sessionId, broadcastId, panes: answers, lastEventId };
  });
}

/**
 * A follow-up continues each model's own pane; a model new to the session gets a new pane.
 * Parameters and system prompt given with the request apply to this answer.
 */
export function panesFor(
  sessionId: string,
  existing: PaneWithThread[],
  models: ModelSelection[],
): (PaneWithThread & { isNew: boolean })[] {
  const free = existing.filter((p) => p.pane.kind === 'chat');
  let position = nextPosition(existing.map((p) => p.pane));
  return models.map((model) => {
    const index = free.findIndex(
      (p) => p.pane.providerId === model.providerId && p.pane.modelId === model.modelId,
    );
    if (index >= 0) {
      const [{ pane, messages }] = free.splice(index, 1) as [PaneWithThread];
      return {
        pane: {
          ...pane,
          params: model.params ?? pane.params,
          systemPrompt: model.systemPrompt ?? pane.systemPrompt,
        },
        messages,
        isNew: false,
      };
    }
    const pane = plannedPane({
      sessionId,
      providerId: model.providerId,
      modelId: model.modelId,
      kind: 'chat',
      params: model.params ?? {},
      systemPrompt: model.systemPrompt ?? null,
      position: position++,
    });
    return { pane, messages: [], isNew: true };
  });
}
