/**
 * A deterministic shuffle per turn: the same turn gets the same letters on every load and in
 * every client, and different turns get different orders. FNV-1a hashes the seed into a 32-bit
 * state for mulberry32, a small PRNG with a full period; the shuffle is Fisher–Yates. (Not a
 * secret: blind mode keeps the user from seeing names at a glance, it is not a security boundary.)
 */
export function blindOrder<T>(items: readonly T[], seed: string): T[] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  let state = hash >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** "Model A", "Model B", … for the panes in their shuffled order. */
export function blindLabels(paneIds: readonly string[], seed: string) {
  const order = blindOrder(paneIds, seed);
  const labels: Record<string, string> = {};
  order.forEach((paneId, i) => (labels[paneId] = `Model ${String.fromCharCode(65 + i)}`));
  return { order, labels };
}
