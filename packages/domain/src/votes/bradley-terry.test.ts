import { describe, expect, it } from 'vitest';

import { bradleyTerry, type Outcome } from './bradley-terry';

const win = (a: string, b: string): Outcome => ({ a, b, score: 1 });
const tie = (a: string, b: string): Outcome => ({ a, b, score: 0.5 });
const strengthsOf = (outcomes: Outcome[]) =>
  new Map(bradleyTerry(outcomes).map((s) => [s.player, s]));

describe('bradleyTerry', () => {
  it('solves one win by hand: p_A = x, p_B = 1/x with x³ − x² − x − 3 = 0', () => {
    // With one virtual tie each against a reference of strength 1, A's likelihood equation is
    //   1 + ½ = x/(x + 1/x) + x/(x + 1)    (A's wins = A's expected wins)
    // and B's is its mirror, so p_B = 1/p_A. Multiplying out: x³ − x² − x − 3 = 0, x ≈ 2.1304.
    const s = strengthsOf([win('A', 'B')]);
    const x = s.get('A')!.strength;
    expect(x ** 3 - x ** 2 - x - 3).toBeCloseTo(0, 7);
    expect(x).toBeCloseTo(2.1304, 4);
    expect(s.get('B')!.strength).toBeCloseTo(1 / x, 7);
    expect(s.get('A')).toMatchObject({ wins: 1, losses: 0, ties: 0 });
    expect(s.get('B')).toMatchObject({ wins: 0, losses: 1, ties: 0 });
  });

  it('gives a tie equal strengths, both at the reference', () => {
    const s = strengthsOf([tie('A', 'B'), tie('B', 'A')]);
    expect(s.get('A')!.strength).toBeCloseTo(1, 10);
    expect(s.get('B')!.strength).toBeCloseTo(1, 10);
    expect(s.get('A')).toMatchObject({ wins: 0, losses: 0, ties: 2 });
  });

  it('reaches the maximum-likelihood point: each player’s wins equal its expected wins', () => {
    const outcomes = [
      win('A', 'B'),
      win('A', 'B'),
      win('B', 'A'),
      win('B', 'C'),
      win('C', 'B'),
      win('C', 'B'),
      win('A', 'C'),
      tie('A', 'C'),
      win('D', 'A'),
    ];
    const s = strengthsOf(outcomes);
    const p = (k: string) => s.get(k)!.strength;
    for (const player of ['A', 'B', 'C', 'D']) {
      const won = outcomes.reduce(
        (sum, o) => sum + (o.a === player ? o.score : o.b === player ? 1 - o.score : 0),
        0,
      );
      const expected =
        outcomes.reduce((sum, o) => {
          if (o.a === player) return sum + p(player) / (p(player) + p(o.b));
          if (o.b === player) return sum + p(player) / (p(player) + p(o.a));
          return sum;
        }, 0) +
        p(player) / (p(player) + 1);
      expect(won + 0.5).toBeCloseTo(expected, 8);
    }
    // D beat the strongest player once and never lost: strongest, but not infinitely so.
    expect(p('D')).toBeGreaterThan(p('A'));
    expect(Number.isFinite(p('D'))).toBe(true);
  });

  it('ignores a player compared with itself and refuses a prior that anchors nothing', () => {
    expect(bradleyTerry([win('A', 'A')])).toEqual([]);
    expect(() => bradleyTerry([], { priorTies: 0 })).toThrow('priorTies must be more than 0');
  });
});
