/**
 * Parts pushed by event callbacks (socket reads), pulled by an async iterator: the bridge from a
 * Node stream to the adapter's `AsyncIterable`, one wake-up per network read rather than one
 * per part, and no web-stream machinery in between.
 */
export class PartQueue<T> {
  private readonly items: T[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  push(item: T): void {
    this.items.push(item);
  }

  /** Lets a waiting reader run (call once per batch of pushes). */
  flush(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  end(): void {
    this.ended = true;
    this.flush();
  }

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      while (this.items.length > 0) yield this.items.shift()!;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
