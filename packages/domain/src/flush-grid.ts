/**
 * Timers for coalesced token flushes, on a grid of slots shared by every answer of the process:
 * every pane whose flush falls in the same slot flushes in the same turn of the event loop, with
 * one timer for all of them. Events for one client then leave together (the server sends a
 * turn's messages to a socket in one write, one tRPC message per batch of a session's events),
 * and a process streaming hundreds of answers keeps a few timers instead of one per answer.
 *
 * A flush goes to the slot nearest the time asked for, never before now. With slots as long as
 * the coalescing window, a pane that keeps streaming flushes on every slot, in step with the
 * other panes of its session (rounding up instead would push a flush that ran a little late to
 * the slot after next).
 */
export class FlushGrid {
  private readonly slots = new Map<number, { fns: Set<() => void>; timer: NodeJS.Timeout }>();

  constructor(
    private readonly slotMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `fn` in the slot nearest `delayMs` from now (never before now); returns a handle for `cancel`. */
  schedule = (fn: () => void, delayMs: number): unknown => {
    const now = this.now();
    const due = Math.max(
      Math.round((now + delayMs) / this.slotMs) * this.slotMs,
      Math.ceil(now / this.slotMs) * this.slotMs,
    );
    let slot = this.slots.get(due);
    if (!slot) {
      const fns = new Set<() => void>();
      const timer = setTimeout(
        () => {
          this.slots.delete(due);
          for (const run of fns) run();
        },
        Math.max(0, due - now),
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
