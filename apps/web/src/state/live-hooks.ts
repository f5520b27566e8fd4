import { useCallback, useSyncExternalStore } from 'react';

import type { LiveStore } from './live-store';
import type { LiveStatus } from './pane-reducer';

function useSubscribe(store: LiveStore, paneId: string) {
  return useCallback((listener: () => void) => store.subscribe(paneId, listener), [store, paneId]);
}

/** The pane's live status: renders again only when the status changes, not on every token. */
export function useLiveStatus(store: LiveStore, paneId: string): LiveStatus | undefined {
  return useSyncExternalStore(useSubscribe(store, paneId), () => store.get(paneId)?.status);
}

/** The pane's live answer text: renders again when it grows (at most once a frame, see LiveStore). */
export function useLiveText(store: LiveStore, paneId: string): string {
  return useSyncExternalStore(useSubscribe(store, paneId), () => store.get(paneId)?.text ?? '');
}
