/**
 * Timers for coalesced token flushes, rounded up to a shared grid of slots: every pane whose
 * flush falls in the same slot flushes in the same turn of the event loop, with one timer for
 * all of them. Events for one client then leave together (the server sends a turn's messages to a
 * socket in one write), and a process streaming hundreds of answers keeps a few timers instead of
 * one per answer. A flush waits at most one slot longer than asked.
 */
export class FlushGrid {
  private readonly slots = new Map<number, { fns: Set<() => void>; timer: NodeJS.Timeout }>();

  constructor(
    private readonly slotMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `fn` in the first slot at least `delayMs` from now; returns a handle for `cancel`. */
  schedule = (fn: () => void, delayMs: number): unknown => {
    const due = Math.ceil((this.now() + delayMs) / this.slotMs) * this.slotMs;
    let slot = this.slots.get(due);
    if (!slot) {
      const fns = new Set<() => void>();
      const timer = setTimeout(
        () => {
          this.slots.delete(due);
          for (const run of fns) run();
        },
        Math.max(0, due - this.now()),
      );
      slot = { fns, timer };
      this.slots.set(due, slot);
    }
    slot.fns.add(fn);
    return { due, fn };
  };

  cancel = (handle: unknown): void => {
    const { due, fn } = handle as { due: number; fn: () => void };
    const slot = this.slots.get(due);
    if (!slot) return;
    slot.fns.delete(fn);
    if (slot.fns.size === 0) {
      clearTimeout(slot.timer);
      this.slots.delete(due);
    }
  };
}
