import type { MessageView } from '@mlb/contracts';

import type { DomainContext } from './context';
import { DomainError } from './errors';

/**
 * Refuses to start an answer in a pane whose latest answer is still streaming in another process
 * (several instances share the database): the run manager only knows this process's runs.
 */
export function assertIdleElsewhere(
  ctx: Pick<DomainContext, 'runs'>,
  panes: readonly { id: string; messages: readonly MessageView[] }[],
): void {
  for (const pane of panes) {
    if (ctx.runs.get(pane.id)) continue; // Running here: the run manager says so itself.
    if (pane.messages.findLast((m) => m.role === 'assistant')?.status === 'streaming')
      throw new DomainError(
        'CONFLICT',
        `Pane ${pane.id} is still answering (on another server process).`,
        'Stop it first, or wait for it to finish.',
      );
  }
}
