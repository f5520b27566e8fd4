/** One comparison between two players: `a` won, or they tied. */
export interface Outcome {
  a: string;
  b: string;
  /** 1: a won; 0.5: a tie. (A loss is written the other way round.) */
  score: 1 | 0.5;
}

export interface Strength {
  player: string;
  /** Bradley–Terry strength: P(i beats j) = p_i / (p_i + p_j); the reference player has 1. */
  strength: number;
  wins: number;
  losses: number;
  ties: number;
}

export interface BradleyTerryOptions {
  /**
   * Virtual ties of every player against a reference player of strength 1 (more than 0). They
   * keep strengths finite and positive for a player that never lost (or never won) and anchor the
   * scale; one is the usual "add one game" smoothing and moves well-measured players very little.
   */
  priorTies?: number;
  maxIterations?: number;
  /** Stop once no strength changes by more than this fraction in an iteration. */
  tolerance?: number;
}

/**
 * Bradley–Terry strengths by the MM algorithm (Hunter, "MM algorithms for generalized
 * Bradley–Terry models", Ann. Statist. 2004): p_i ← W_i / Σ_j n_ij / (p_i + p_j), where W_i is
 * i's wins (a tie counts half a win to each side) and n_ij the comparisons of i and j. Each step
 * raises the likelihood; the fixed point is the maximum-likelihood estimate. The reference
 * player joins the sums as one more opponent of strength 1 with `priorTies` comparisons.
 */
export function bradleyTerry(
  outcomes: readonly Outcome[],
  options: BradleyTerryOptions = {},
): Strength[] {
  const prior = options.priorTies ?? 1;
  if (!(prior > 0)) throw new RangeError('priorTies must be more than 0');
  const maxIterations = options.maxIterations ?? 10_000;
  const tolerance = options.tolerance ?? 1e-12;

  const index = new Map<string, number>();
  const players: string[] = [];
  const at = (player: string) => {
    let i = index.get(player);
    if (i === undefined) {
      i = players.length;
      index.set(player, i);
      players.push(player);
    }
    return i;
  };
  const record: { wins: number; losses: number; ties: number }[] = [];
  const games = new Map<number, Map<number, number>>();
  const addGame = (i: number, j: number) => {
    const row = games.get(i) ?? new Map<number, number>();
    row.set(j, (row.get(j) ?? 0) + 1);
    games.set(i, row);
  };
  for (const { a, b, score } of outcomes) {
    if (a === b) continue;
    const i = at(a);
    const j = at(b);
    for (const k of [i, j]) record[k] ??= { wins: 0, losses: 0, ties: 0 };
    if (score === 1) {
      record[i]!.wins += 1;
      record[j]!.losses += 1;
    } else {
      record[i]!.ties += 1;
      record[j]!.ties += 1;
    }
    addGame(i, j);
    addGame(j, i);
  }

  const scoreOf = (k: number) => record[k]!.wins + record[k]!.ties / 2 + prior / 2;
  let p = players.map(() => 1);
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    const next = p.map((pi, i) => {
      let denominator = prior / (pi + 1);
      for (const [j, n] of games.get(i) ?? []) denominator += n / (pi + p[j]!);
      return scoreOf(i) / denominator;
    });
    const change = Math.max(0, ...next.map((v, i) => Math.abs(v - p[i]!) / p[i]!));
    p = next;
    if (change < tolerance) break;
  }
  return players.map((player, i) => ({ player, strength: p[i]!, ...record[i]! }));
}
