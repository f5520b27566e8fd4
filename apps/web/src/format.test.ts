import { describe, expect, it } from 'vitest';

import { formatCost, formatMs, formatRate, formatTokens } from './format';

describe('formatters', () => {
  it('formats money, time, rates and token counts for the meters', () => {
    expect(formatCost(null)).toBe('—');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.000123)).toBe('$0.00012');
    expect(formatCost(1.5)).toBe('$1.500');
    expect(formatMs(412.4)).toBe('412 ms');
    expect(formatMs(2350)).toBe('2.35 s');
    expect(formatRate(55.56)).toBe('55.6 tok/s');
    expect(formatTokens(12_345)).toBe('12.3k');
    expect(formatTokens(999)).toBe('999');
  });
});
