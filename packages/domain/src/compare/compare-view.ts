import {
  COMPARE_METRICS,
  type CompareAnswer,
  type CompareMetric,
  type CompareTurn,
  type CompareView,
  type PaneView,
  type SessionDetail,
  type VoteView,
} from '@mlb/contracts';
import type { BroadcastInfo } from '@mlb/db';

import { blindLabels } from './blind-labels';
import { turnsOf } from './turns';

/** Kinds of broadcast that are turns: one prompt answered by panes side by side. */
const TURN_KINDS: ReadonlySet<string> = new Set<CompareTurn['kind']>([
  'broadcast',
  'prompt',
  'send_to',
]);

const metricOf = (answer: CompareAnswer, metric: CompareMetric): number | null =>
  answer.metrics === null ? null : answer.metrics[metric];

/** Per metric, the complete answers holding its best value (ties: all of them). */
function bestOf(answers: readonly CompareAnswer[]): Record<CompareMetric, string[]> {
  const complete = answers.filter((a) => a.status === 'complete');
  const best = {} as Record<CompareMetric, string[]>;
  for (const { key, better } of COMPARE_METRICS) {
    const values = complete
      .map((a) => ({ paneId: a.paneId, value: metricOf(a, key) }))
      .filter((v): v is { paneId: string; value: number } => v.value !== null);
    if (values.length === 0) {
      best[key] = [];
      continue;
    }
    const target = (better === 'lower' ? Math.min : Math.max)(...values.map((v) => v.value));
    best[key] = values.filter((v) => v.value === target).map((v) => v.paneId);
  }
  return best;
}

/**
 * The race: complete answers ranked by latency, which every answer of a turn measures from the
 * same start. Equal latencies share a rank.
 */
function finishRanks(answers: readonly CompareAnswer[]): Map<string, number> {
  const finished = answers
    .filter((a) => a.status === 'complete' && a.metrics !== null)
    .sort((a, b) => a.metrics!.latencyMs - b.metrics!.latencyMs);
  const ranks = new Map<string, number>();
  finished.forEach((a, i) => {
    const previous = finished[i - 1];
    const tied = previous && previous.metrics!.latencyMs === a.metrics!.latencyMs;
    ranks.set(a.paneId, tied ? ranks.get(previous.paneId)! : i + 1);
  });
  return ranks;
}

/** Every turn of a session with its answers side by side: what compare.get returns. */
export function compareView(
  session: SessionDetail,
  broadcasts: readonly BroadcastInfo[],
  votes: readonly VoteView[],
): CompareView {
  const turns = turnsOf(session.panes);
  const paneById = new Map(session.panes.map((p) => [p.id, p]));
  const voteByTurn = new Map(votes.map((v) => [v.broadcastId, v]));
  // Fusions, by the answers they were given.
  const fusionsOf = session.panes.flatMap((pane) =>
    pane.messages.flatMap((m, i) => {
      if (!m.fuse) return [];
      const answer = pane.messages.slice(i + 1).find((next) => next.role === 'assistant');
      if (!answer) return [];
      return [
        {
          sources: new Set(m.fuse.sources.map((s) => s.messageId)),
          fusion: { paneId: pane.id, messageId: answer.id, template: m.fuse.template },
        },
      ];
    }),
  );

  const out: CompareTurn[] = [];
  for (const broadcast of broadcasts) {
    const parts = turns.get(broadcast.id);
    if (!parts || !TURN_KINDS.has(broadcast.kind)) continue;
    const answers: CompareAnswer[] = [...parts]
      .flatMap(([paneId, part]) => {
        const pane = paneById.get(paneId);
        return pane && part.answer ? [{ pane, answer: part.answer }] : [];
      })
      .sort((a, b) => a.pane.position - b.pane.position)
      .map(({ pane, answer }) => ({
        paneId: pane.id,
        messageId: answer.id,
        providerId: pane.providerId,
        modelId: pane.modelId,
        content: answer.content,
        status: answer.status,
        endReason: answer.endReason,
        error: answer.error,
        metrics: answer.metrics,
        finishRank: null,
      }));
    const ranks = finishRanks(answers);
    for (const answer of answers) answer.finishRank = ranks.get(answer.paneId) ?? null;
    const answerIds = new Set(answers.map((a) => a.messageId));
    const priced = answers.filter((a) => a.metrics !== null);
    out.push({
      broadcastId: broadcast.id,
      kind: broadcast.kind as CompareTurn['kind'],
      prompt: broadcast.prompt,
      createdAt: broadcast.createdAt,
      answers,
      best: bestOf(answers),
      blind: blindLabels(
        answers.map((a) => a.paneId),
        broadcast.id,
      ),
      vote: voteByTurn.get(broadcast.id) ?? null,
      fusions: fusionsOf
        .filter(({ sources }) => [...sources].some((id) => answerIds.has(id)))
        .map(({ fusion }) => fusion),
      cost: {
        totalUsd: priced.reduce((sum, a) => sum + (a.metrics!.cost ?? 0), 0),
        unknownPrices: priced.filter((a) => a.metrics!.cost === null).length,
      },
    });
  }
  return {
    sessionId: session.id,
    title: session.title,
    panes: session.panes.map(
      ({ messages: _messages, state: _state, totals: _totals, ...pane }): PaneView => pane,
    ),
    turns: out,
  };
}
