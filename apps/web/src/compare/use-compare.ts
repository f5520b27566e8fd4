import { useQuery } from '@tanstack/react-query';

import type { LiveStore } from '../state/live-store';
import { useTRPC } from '../trpc';
import type { AnswerNaming } from './answer-names';

/** What the views of a session's turns (the compare view, the race strip) are given. */
export interface TurnViewProps {
  sessionId: string;
  store: LiveStore;
  /** As the grid names and orders its panes (blind mode: letters, shuffled). */
  naming?: AnswerNaming;
}

/** The session's turns side by side (compare.get), refetched whenever the session is. */
export function useCompare(sessionId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.compare.get.queryOptions({ sessionId }));
}
