import type { CompareAnswer, PaneDetail } from '@mlb/contracts';

import type { BlindNames } from '../votes/blind-names';

type Named = Pick<CompareAnswer, 'paneId' | 'providerId' | 'modelId'>;

/** How an answer is named and ordered: as its pane in the grid (blind mode: "Model A", shuffled). */
export interface AnswerNaming {
  nameOf: (answer: Named) => string;
  order: <T extends { paneId: string }>(answers: readonly T[]) => T[];
}

/** How the compare view names an answer by default: as its pane is named in the grid. */
export const answerName = (a: Pick<Named, 'providerId' | 'modelId'>): string =>
  `${a.providerId} / ${a.modelId}`;

export const byModel: AnswerNaming = { nameOf: answerName, order: (answers) => [...answers] };

/** The grid's naming (blind letters while a vote is pending) for answers, which carry pane ids. */
export function answerNaming(
  names: Pick<BlindNames, 'nameOf' | 'order'>,
  panes: readonly PaneDetail[],
): AnswerNaming {
  const byId = new Map(panes.map((p) => [p.id, p]));
  return {
    nameOf: (a) =>
      names.nameOf(
        byId.get(a.paneId) ?? {
          id: a.paneId,
          providerId: a.providerId,
          modelId: a.modelId,
          kind: 'chat',
        },
      ).label,
    order: (answers) =>
      names
        .order(answers.map((answer) => ({ id: answer.paneId, answer })))
        .map(({ answer }) => answer),
  };
}

/** The answers' names by pane id, for compareTableMarkdown. */
export const namesById = (naming: AnswerNaming, answers: readonly Named[]) =>
  Object.fromEntries(answers.map((a) => [a.paneId, naming.nameOf(a)]));

/** An answer's status in words, with why it ended when that is not the status itself. */
export function statusLabel(a: Pick<CompareAnswer, 'status' | 'endReason'>): string {
  return a.endReason && a.endReason !== 'done' && a.endReason !== a.status
    ? `${a.status} (${a.endReason})`
    : a.status;
}
