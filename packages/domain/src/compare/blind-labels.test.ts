import { describe, expect, it } from 'vitest';

import { blindLabels, blindOrder } from './blind-labels';

const panes = Array.from({ length: 8 }, (_, i) => `pane-${i}`);

describe('blind labels', () => {
  it('gives a turn the same shuffled order every time, a permutation of its panes', () => {
    const order = blindOrder(panes, 'turn-1');
    expect(blindOrder(panes, 'turn-1')).toEqual(order);
    expect([...order].sort()).toEqual([...panes].sort());
  });

  it('shuffles different turns differently', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) => blindOrder(panes, `turn-${i}`).join()),
    );
    expect(orders.size).toBeGreaterThan(15);
  });

  it('names the panes Model A, B, … in their shuffled order', () => {
    const { order, labels } = blindLabels(panes.slice(0, 3), 'turn-x');
    expect(order.map((id) => labels[id])).toEqual(['Model A', 'Model B', 'Model C']);
  });
});
