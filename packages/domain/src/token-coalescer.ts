export interface CoalescerOptions {
  /** At most one flush per window; the first delta after a quiet window goes out at once. */
  windowMs: number;
  onFlush: (text: string) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Leading-edge throttle for text deltas: the first token is never delayed (time to first token
 * is what users feel), later ones are merged so a fast model sends at most one event per window.
 */
export class TokenCoalescer {
  private buffer = '';
  private lastFlush = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: CoalescerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  }

  push(text: string): void {
    if (text === '') return;
    this.buffer += text;
    const elapsed = this.now() - this.lastFlush;
    if (elapsed >= this.options.windowMs) {
      this.flush();
    } else if (this.timer === null) {
      this.timer = this.setTimer(() => {
        this.timer = null;
        this.flush();
      }, this.options.windowMs - elapsed);
    }
  }

  /** Sends whatever is buffered now (also called when the stream ends). */
  flush(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    this.lastFlush = this.now();
    this.options.onFlush(text);
  }
}
