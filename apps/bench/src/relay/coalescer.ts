/** Timers the coalescer uses; tests pass a hand-driven clock. */
export interface CoalescerClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const realClock: CoalescerClock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The relay's per-pane coalescing, with the product's semantics (decision 0006): leading edge, so
 * a token after a quiet window goes out at once; later ones are merged into at most one event per
 * window, sent when the window ends. Written here rather than imported so the floor does not
 * depend on the code it is the floor for.
 */
export class PaneCoalescer {
  private buffer = '';
  private lastSent = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;

  constructor(
    private readonly windowMs: number,
    private readonly send: (text: string) => void,
    private readonly clock: CoalescerClock = realClock,
  ) {}

  push(text: string): void {
    if (text === '') return;
    this.buffer += text;
    const since = this.clock.now() - this.lastSent;
    if (since >= this.windowMs) this.flush();
    else
      this.timer ??= this.clock.setTimer(() => {
        this.timer = null;
        this.flush();
      }, this.windowMs - since);
  }

  /** Sends what is buffered now; also called when the answer ends. */
  flush(): void {
    if (this.timer !== null) {
      this.clock.clearTimer(this.timer);
      this.timer = null;
    }
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    this.lastSent = this.clock.now();
    this.send(text);
  }
}
