import { describe, expect, it } from 'vitest';

import { median, percentile, table } from './stats';

describe('bench stats', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(median(values)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it('aligns a table', () => {
    expect(table(['name', 'n'], [['a', 22]])).toBe('name   n\n----  --\n   a  22');
  });
});
