import { useCallback, useRef, useSyncExternalStore } from 'react';

import type { LiveStore } from '../state/live-store';
import type { LiveStatus } from '../state/pane-reducer';

/**
 * Several panes' live statuses at once (the race compares them): one array that stays the same
 * object until one of the statuses changes, as useSyncExternalStore needs.
 */
export function useLiveStatuses(
  store: LiveStore,
  paneIds: readonly string[],
): (LiveStatus | undefined)[] {
  const key = paneIds.join('\n');
  const last = useRef<(LiveStatus | undefined)[]>([]);
  const subscribe = useCallback(
    (listener: () => void) => {
      const ids = key === '' ? [] : key.split('\n');
      const offs = ids.map((id) => store.subscribe(id, listener));
      return () => offs.forEach((off) => off());
    },
    [store, key],
  );
  const snapshot = useCallback(() => {
    const ids = key === '' ? [] : key.split('\n');
    const next = ids.map((id) => store.get(id)?.status);
    const prev = last.current;
    if (prev.length === next.length && prev.every((s, i) => s === next[i])) return prev;
    last.current = next;
    return next;
  }, [store, key]);
  return useSyncExternalStore(subscribe, snapshot);
}
