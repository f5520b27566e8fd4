import type { CompareAnswer } from '@mlb/contracts';

/** How the compare view names an answer: as its pane is named in the grid. */
export const answerName = (a: Pick<CompareAnswer, 'providerId' | 'modelId'>): string =>
  `${a.providerId} / ${a.modelId}`;

/** An answer's status in words, with why it ended when that is not the status itself. */
export function statusLabel(a: Pick<CompareAnswer, 'status' | 'endReason'>): string {
  return a.endReason && a.endReason !== 'done' && a.endReason !== a.status
    ? `${a.status} (${a.endReason})`
    : a.status;
}
