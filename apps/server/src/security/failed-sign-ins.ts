/**
 * Failed sign-ins per client address in a sliding window: after `maxFailures` within `windowMs`
 * the address may not try again until the oldest failure leaves the window. A correct token
 * clears the address's record.
 */
export function createFailedSignIns(options: {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  const recent = (address: string): number[] => {
    const since = now() - options.windowMs;
    const list = (failures.get(address) ?? []).filter((at) => at > since);
    if (list.length === 0) failures.delete(address);
    else failures.set(address, list);
    return list;
  };

  return {
    /** Seconds until this address may try again; 0 when it may now. */
    retryAfterSeconds(address: string): number {
      const list = recent(address);
      if (list.length < options.maxFailures) return 0;
      return Math.max(1, Math.ceil((list[0]! + options.windowMs - now()) / 1000));
    },
    record(address: string): void {
      // Forget addresses that stopped trying, so a spray of addresses cannot grow the map forever.
      if (failures.size > 10_000) for (const key of [...failures.keys()]) recent(key);
      failures.set(address, [...recent(address), now()].slice(-options.maxFailures));
    },
    clear(address: string): void {
      failures.delete(address);
    },
  };
}

export type FailedSignIns = ReturnType<typeof createFailedSignIns>;
