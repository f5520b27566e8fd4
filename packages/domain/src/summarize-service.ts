import type { RunResult, SummarizeCreateInput } from '@mlb/contracts';

import { requireAdapters } from './adapters';
import type { DomainContext } from './context';
import { DomainError, notFound } from './errors';
import { launchAnswers, nextPosition, plannedPane } from './launch-answers';

const DEFAULT_INSTRUCTION =
  'Summarize the answers below from different models to the same conversation. Say where they agree, where they differ, and which points are unique to one model. Be concise and use Markdown.';

/** Summarizes the latest answers of chosen panes into a new summary pane that persists like any other. */
export async function summarize(
  ctx: DomainContext,
  input: SummarizeCreateInput,
): Promise<RunResult> {
  const [adapter] = requireAdapters(ctx, [input.providerId]).values();
  return ctx.locks.run(input.sessionId, async () => {
    const session = await ctx.db.sessions.get(input.sessionId);
    if (!session) throw notFound('Session', input.sessionId, 'Pick a session from sessions.list.');
    const chosen = input.paneIds
      ? session.panes.filter((p) => input.paneIds!.includes(p.id))
      : session.panes.filter((p) => p.kind === 'chat');
    const missing = input.paneIds?.filter((id) => !session.panes.some((p) => p.id === id)) ?? [];
    if (missing.length > 0) {
      throw new DomainError(
        'BAD_REQUEST',
        `Panes not in this session: ${missing.join(', ')}.`,
        'Choose panes from sessions.get.',
      );
    }
    const answers = chosen
      .map((pane) => {
        const latest = [...pane.messages]
          .reverse()
          .find(
            (m) => m.role === 'assistant' && m.content.trim() !== '' && m.status !== 'streaming',
          );
        return latest
          ? { label: `${pane.providerId} / ${pane.modelId}`, content: latest.content }
          : null;
      })
      .filter((a): a is { label: string; content: string } => a !== null);
    if (answers.length === 0) {
      throw new DomainError(
        'BAD_REQUEST',
        'None of the chosen panes has a finished answer to summarize.',
        'Wait for the answers to finish, then summarize.',
      );
    }
    const lastPrompt = [...chosen.flatMap((p) => p.messages)]
      .filter((m) => m.role === 'user')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .pop();
    const prompt = [
      input.instruction ?? DEFAULT_INSTRUCTION,
      lastPrompt ? `\n## The prompt\n\n${lastPrompt.content}` : '',
      ...answers.map((a, i) => `\n## Answer ${i + 1}: ${a.label}\n\n${a.content}`),
    ].join('\n');

    const pane = plannedPane({
      sessionId: session.id,
      providerId: input.providerId,
      modelId: input.modelId,
      kind: 'summary',
      params: {},
      systemPrompt: null,
      position: nextPosition(session.panes),
    });
    ctx.runs.assertCanStart(session.id, [pane.id]);
    const {
      broadcastId,
      answers: [answer],
      lastEventId,
    } = await launchAnswers(ctx, {
      session: { id: session.id, title: session.title, isNew: false },
      broadcast: { prompt, kind: 'summarize' },
      targets: [{ pane, isNew: true, thread: [], prompt, adapter: adapter! }],
    });
    return {
      sessionId: session.id,
      broadcastId,
      paneId: answer!.paneId,
      messageId: answer!.messageId,
      lastEventId,
    };
  });
}
