/**
 * Parts pushed by event callbacks (socket reads), pulled by an async iterator: the bridge from a
 * Node stream to the adapter's `AsyncIterable`, one wake-up per network read rather than one
 * per part, and no web-stream machinery in between. It is the iterator itself rather than an
 * async generator: every token passes through it, and a generator (with the `yield*` that
 * would wrap it) costs each one several promise turns more.
 */
export class PartQueue<T> implements AsyncIterator<T, undefined> {
  private items: T[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  /** @param onReturn runs once when the reader stops early (`return()`), not when the queue ends. */
  constructor(private readonly onReturn: () => void = () => undefined) {}

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

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.wake = () => resolve(this.next())));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    if (!this.ended) {
      this.ended = true;
      this.items = [];
      this.onReturn();
      this.flush();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
