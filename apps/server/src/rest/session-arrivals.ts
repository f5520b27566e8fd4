import type { Workspace } from '@mlb/domain';

/**
 * The original's clients open `WS /ws/{session_id}` for a session id they chose before any
 * broadcast made it (its README does). A socket for a session that does not exist yet waits here
 * until a broadcast of this process creates it, and then follows it from that broadcast's first
 * event. Sessions made by another instance are not announced here (see docs/original-api.md).
 */
export class SessionArrivals {
  private readonly listeners = new Map<string, Set<(lastEventId: string) => void>>();

  /** Calls `listener` with the first event id of each broadcast into the session; returns the unlisten. */
  listen(sessionId: string, listener: (lastEventId: string) => void): () => void {
    let set = this.listeners.get(sessionId);
    if (!set) this.listeners.set(sessionId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      // Only the set still registered: a later listener may have made a new one.
      if (set.size === 0 && this.listeners.get(sessionId) === set) this.listeners.delete(sessionId);
    };
  }

  announce(sessionId: string, lastEventId: string): void {
    for (const listener of this.listeners.get(sessionId) ?? []) listener(lastEventId);
  }

  /** The same workspace, whose broadcasts (through tRPC or this API) are announced. */
  observe(workspace: Workspace): Workspace {
    return {
      ...workspace,
      broadcast: async (input) => {
        const result = await workspace.broadcast(input);
        this.announce(result.sessionId, result.lastEventId);
        return result;
      },
    };
  }
}
