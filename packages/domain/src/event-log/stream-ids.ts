/** Redis stream ids are `<ms>-<seq>`; these compare them as the server does. */

const STREAM_ID = /^(\d+)-(\d+)$/;

export const isStreamId = (id: string): boolean => STREAM_ID.test(id);

/** Negative when a < b, 0 when equal, positive when a > b. Both must be stream ids. */
export function compareStreamIds(a: string, b: string): number {
  const [, am = '0', as = '0'] = STREAM_ID.exec(a) ?? [];
  const [, bm = '0', bs = '0'] = STREAM_ID.exec(b) ?? [];
  const ms = BigInt(am) - BigInt(bm);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const seq = BigInt(as) - BigInt(bs);
  return seq === 0n ? 0 : seq < 0n ? -1 : 1;
}
