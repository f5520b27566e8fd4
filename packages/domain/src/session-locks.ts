/**
 * One queue per session: work that reads a session and then writes to it (launching answers,
 * appending context, deleting) runs one at a time per session, so a plan made from what was read
 * is still true when it is written. Different sessions never wait for each other.
 */
export class SessionLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(sessionId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(sessionId, tail);
    void tail.then(() => {
      if (this.tails.get(sessionId) === tail) this.tails.delete(sessionId);
    });
    return result;
  }

  get size(): number {
    return this.tails.size;
  }
}
