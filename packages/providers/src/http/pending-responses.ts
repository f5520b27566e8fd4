/**
 * Provider requests started and not yet answered (response headers) or failed. Work that is
 * synchronous on this thread, like saving a launch in SQLite, waits for them (bounded) rather
 * than delaying them: a request held back is a first token held back, while once a provider has
 * the request it spends far longer than that work thinking before its first token.
 */
const pending = new Set<object>();
const waiters = new Set<() => void>();

/** Call as a request starts; call the returned function once it has its response or has failed. */
export function trackRequest(): () => void {
  const token = {};
  pending.add(token);
  return () => {
    if (!pending.delete(token) || pending.size > 0) return;
    for (const wake of waiters) wake();
  };
}

/** Resolves once every request started so far has its response or has failed, or after `maxWaitMs`. */
export function responsesStarted(maxWaitMs: number): Promise<void> {
  if (pending.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, maxWaitMs);
    waiters.add(done);
  });
}

/** Requests waiting for a response; for tests and diagnostics. */
export const pendingResponses = (): number => pending.size;
