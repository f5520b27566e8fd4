import type { PaneEvent } from '@mlb/contracts';

import { applyPaneEvent, emptyPane, SeenIds, type LivePane } from './pane-reducer';

type Listener = () => void;

/**
 * Live pane views outside React: events mutate it as they arrive, and each pane's subscribers
 * are told at most once per animation frame, so fast streams cost one render per pane per frame.
 */
export class LiveStore {
  private panes = new Map<string, LivePane>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly dirty = new Set<string>();
  private frame: number | null = null;
  private seen = new SeenIds();

  constructor(private readonly onStructural: () => void) {}

  reset(): void {
    this.panes = new Map();
    this.seen = new SeenIds();
    for (const paneId of this.listeners.keys()) this.dirty.add(paneId);
    this.schedule();
  }

  apply(id: string, event: PaneEvent): void {
    if (!this.seen.add(id)) return;
    const { pane, structural } = applyPaneEvent(this.panes.get(event.paneId) ?? emptyPane(), event);
    this.panes.set(event.paneId, pane);
    this.dirty.add(event.paneId);
    this.schedule();
    if (structural) this.onStructural();
  }

  get(paneId: string): LivePane | undefined {
    return this.panes.get(paneId);
  }

  subscribe(paneId: string, listener: Listener): () => void {
    let set = this.listeners.get(paneId);
    if (!set) this.listeners.set(paneId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private schedule(): void {
    if (this.frame !== null) return;
    const flush = () => {
      this.frame = null;
      const panes = [...this.dirty];
      this.dirty.clear();
      for (const paneId of panes)
        for (const listener of this.listeners.get(paneId) ?? []) listener();
    };
    this.frame =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame(flush)
        : (setTimeout(flush, 16) as unknown as number);
  }
}
