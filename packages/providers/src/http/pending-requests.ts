/**
 * Provider requests started and not yet with their provider: not yet written to the socket (or,
 * for requests made with `fetch`, which does not say when it has written one, not yet answered
 * with response headers), and not failed. Work that is synchronous on this thread, like saving a
 * launch in SQLite, waits for them (bounded) rather than delaying them: a request held back is a
 * first token held back, while once a provider has the request it spends far longer than that
 * work thinking before its first token. Waiting for response headers instead would wait for the
 * provider itself (up to its first token, for some), which a busy burst of launches paid for.
 */
/** Requests by the order they started (a Set iterates in insertion order: the first is the oldest). */
const pending = new Set<number>();
let started = 0;
/** Each waiter with the newest request it waits for. */
const waiters = new Set<{ upTo: number; wake: () => void }>();

const oldestPending = (): number => {
  for (const seq of pending) return seq;
  return Number.POSITIVE_INFINITY;
};

/**
 * Call as a request starts; call the returned function once the provider has it (written, or
 * answered) or it has failed. Calling it again does nothing.
 */
export function trackRequest(): () => void {
  const seq = ++started;
  pending.add(seq);
  return () => {
    if (!pending.delete(seq)) return;
    const oldest = oldestPending();
    for (const waiter of waiters) if (waiter.upTo < oldest) waiter.wake();
  };
}

/**
 * Resolves once every request started so far is with its provider or has failed, or after
 * `maxWaitMs`. Requests started after the call are not waited for: in a burst of launches each
 * waits for its own requests and the ones before them, not for every later one as well.
 */
export function requestsSent(maxWaitMs: number): Promise<void> {
  const upTo = started;
  if (oldestPending() > upTo) return Promise.resolve();
  return new Promise((resolve) => {
    const waiter = {
      upTo,
      wake: () => {
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve();
      },
    };
    const timer = setTimeout(waiter.wake, maxWaitMs);
    waiters.add(waiter);
  });
}

/** Requests not yet with their provider; for tests and diagnostics. */
export const pendingRequests = (): number => pending.size;
