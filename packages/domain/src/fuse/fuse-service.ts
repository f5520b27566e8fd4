import type {
  FuseCreateInput,
  FuseRequest,
  FuseSource,
  MessageView,
  PaneDetail,
  RunResult,
  SummarizeCreateInput,
} from '@mlb/contracts';

import { requireAdapters } from '../adapters';
import { planSpend } from '../budget/plan-spend';
import { isUsableAnswer, turnsOf } from '../compare/turns';
import type { DomainContext } from '../context';
import { DomainError, notFound } from '../errors';
import { forecastTarget } from '../forecast/forecast-model';
import { launchAnswers, nextPosition, plannedPane } from '../launch-answers';
import { readCitations, sourceLabel } from './citations';
import { CITATION_RULE, instructionFor, rememberInstruction } from './fuse-templates';

interface Chosen {
  pane: PaneDetail;
  answer: MessageView;
}

/** The answers to fuse, by pane position, and the prompt they answered (for the model's context). */
function chooseAnswers(
  panes: PaneDetail[],
  input: Pick<FuseCreateInput, 'paneIds' | 'broadcastId'>,
): { chosen: Chosen[]; prompt: string | null } {
  const missing = input.paneIds?.filter((id) => !panes.some((p) => p.id === id)) ?? [];
  if (missing.length > 0)
    throw new DomainError(
      'BAD_REQUEST',
      `Panes not in this session: ${missing.join(', ')}.`,
      'Choose panes from sessions.get.',
    );
  const candidates = input.paneIds
    ? panes.filter((p) => input.paneIds!.includes(p.id))
    : panes.filter((p) => p.kind === 'chat');

  if (input.broadcastId !== undefined) {
    const turn = turnsOf(panes).get(input.broadcastId);
    if (!turn)
      throw new DomainError(
        'BAD_REQUEST',
        `Turn ${input.broadcastId} is not in this session.`,
        'Leave broadcastId out to use each pane’s latest answer, or pick a turn from compare.get.',
      );
    const chosen = candidates.flatMap((pane) => {
      const answer = turn.get(pane.id)?.answer ?? null;
      return isUsableAnswer(answer) ? [{ pane, answer }] : [];
    });
    const prompt = [...turn.values()][0]?.prompt.content ?? null;
    return { chosen, prompt };
  }
  const chosen = candidates.flatMap((pane) => {
    const answer = pane.messages.findLast(isUsableAnswer) ?? null;
    return answer ? [{ pane, answer }] : [];
  });
  const lastPrompt = chosen
    .flatMap(({ pane }) => pane.messages.filter((m) => m.role === 'user'))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .pop();
  return { chosen, prompt: lastPrompt?.content ?? null };
}

/**
 * What the fusing model is sent: the instruction, the citation rule, the prompt the answers
 * replied to, and each answer under its label. Answers are not named by model, so a model judging
 * its own answer among others cannot recognise it by name.
 */
export function fusionPrompt(
  instruction: string,
  prompt: string | null,
  sources: { label: string; content: string }[],
): string {
  return [
    instruction,
    CITATION_RULE,
    ...(prompt === null ? [] : [`## The prompt\n\n${prompt}`]),
    ...sources.map((s) => `## Answer ${s.label}\n\n${s.content}`),
  ].join('\n\n');
}

/**
 * Fuses chosen answers with a template into a new pane. The answer's paragraphs cite the answers
 * they came from; the pane's prompt keeps the compact request (template, instruction, sources)
 * for the UI to show instead of the pasted text.
 */
export async function fuse(ctx: DomainContext, input: FuseCreateInput): Promise<RunResult> {
  const [adapter] = requireAdapters(ctx, [input.providerId]).values();
  return ctx.locks.run(input.sessionId, async () => {
    const session = await ctx.db.sessions.get(input.sessionId);
    if (!session) throw notFound('Session', input.sessionId, 'Pick a session from sessions.list.');
    const { chosen, prompt: answered } = chooseAnswers(session.panes, input);
    if (chosen.length === 0)
      throw new DomainError(
        'BAD_REQUEST',
        'None of the chosen panes has a finished answer to fuse.',
        'Wait for the answers to finish, then fuse them.',
      );
    const sources: FuseSource[] = chosen.map(({ pane, answer }, i) => ({
      label: sourceLabel(i),
      paneId: pane.id,
      messageId: answer.id,
      providerId: pane.providerId,
      modelId: pane.modelId,
    }));
    const instruction = input.instruction ?? (await instructionFor(ctx, input.template));
    const request: FuseRequest = { template: input.template, instruction, sources };
    const prompt = fusionPrompt(
      instruction,
      answered,
      chosen.map(({ answer }, i) => ({ label: sources[i]!.label, content: answer.content })),
    );
    const pane = plannedPane({
      sessionId: session.id,
      providerId: input.providerId,
      modelId: input.modelId,
      kind: 'summary',
      params: input.params ?? {},
      systemPrompt: null,
      position: nextPosition(session.panes),
    });
    ctx.runs.assertCanStart(session.id, [pane.id]);
    const budget = await planSpend(ctx, {
      limits: { session: { id: session.id, budgetUsd: session.budgetUsd ?? null } },
      targets: [forecastTarget({ pane, isNew: true, thread: [], prompt })],
      refuse: 'forecast',
      confirmOverBudget: input.confirmOverBudget,
    });
    const {
      broadcastId,
      answers: [answer],
      lastEventId,
    } = await launchAnswers(ctx, {
      session: { id: session.id, title: session.title, isNew: false },
      broadcast: { prompt, kind: 'fuse' },
      targets: [
        {
          pane,
          isNew: true,
          thread: [],
          prompt,
          adapter: adapter!,
          userExtras: { fuse: request },
          citations: (content) => readCitations(content, sources),
        },
      ],
      budget,
    });
    if (input.instruction !== undefined)
      await rememberInstruction(ctx, input.template, input.instruction);
    return {
      sessionId: session.id,
      broadcastId,
      paneId: answer!.paneId,
      messageId: answer!.messageId,
      lastEventId,
    };
  });
}

/** summarize.create as it always was: a fusion with the summarize template. */
export function summarize(ctx: DomainContext, input: SummarizeCreateInput): Promise<RunResult> {
  const { instruction, ...rest } = input;
  return fuse(ctx, {
    ...rest,
    template: 'summarize',
    ...(instruction ? { instruction } : {}),
  });
}
