import { vi } from 'vitest';

/**
 * Moves vitest's fake clock forward until `promise` settles, and returns what it settled with.
 * Timers fire at their exact times on the way; `limitMs` of fake time without an end fails the test.
 */
export async function settle<T>(promise: Promise<T>, limitMs = 60_000): Promise<T> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  for (let waited = 0; !settled && waited < limitMs; waited += 10)
    await vi.advanceTimersByTimeAsync(10);
  if (!settled) throw new Error(`Still pending after ${limitMs} ms of fake time.`);
  return promise;
}

/** Whether `promise` has settled, after letting pending callbacks run (the clock stays). */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return settled;
}
