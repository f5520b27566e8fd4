/**
 * Which worker takes the next connection: the ready one with the fewest open connections (ties
 * go to the one that has waited longest). Connections here are mostly WebSockets that stay open
 * for a whole session, so counting them balances the streams they carry; Node's own round robin
 * hands each connection to whichever worker acknowledged its last one first, which left one
 * worker of two with up to 57 % of the sessions under `pnpm bench`.
 */
export class ConnectionBalancer {
  /** Open connections per ready worker, in the order the workers became ready. */
  private readonly open = new Map<number, number>();

  ready(worker: number): void {
    if (!this.open.has(worker)) this.open.set(worker, 0);
  }

  /** The worker is gone: its connections went with it. */
  gone(worker: number): void {
    this.open.delete(worker);
  }

  /** Picks a worker for a new connection and counts it there; null when none is ready. */
  assign(): number | null {
    let best: number | null = null;
    let fewest = Infinity;
    for (const [worker, count] of this.open)
      if (count < fewest) {
        best = worker;
        fewest = count;
      }
    if (best === null) return null;
    // Moved to the end: among equals, the next connection goes to another worker.
    this.open.delete(best);
    this.open.set(best, fewest + 1);
    return best;
  }

  closed(worker: number): void {
    const count = this.open.get(worker);
    if (count !== undefined && count > 0) this.open.set(worker, count - 1);
  }

  counts(): ReadonlyMap<number, number> {
    return this.open;
  }
}
