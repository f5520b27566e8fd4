import { describe, expect, it } from 'vitest';

import {
  formatCost,
  formatMs,
  formatRate,
  formatTokens,
  formatWhen,
  ordinal,
  plural,
} from './format';

describe('formatters', () => {
  it('formats money with sensible precision', () => {
    expect(formatCost(null)).toBe('—');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.00000123)).toBe('<$0.0001');
    expect(formatCost(0.000123)).toBe('$0.00012');
    expect(formatCost(0.0123456)).toBe('$0.012');
    expect(formatCost(0.5)).toBe('$0.5');
    expect(formatCost(1.5)).toBe('$1.50');
    expect(formatCost(12.345)).toBe('$12.35');
  });

  it('formats time, rates and token counts for the meters', () => {
    expect(formatMs(412.4)).toBe('412 ms');
    expect(formatMs(2350)).toBe('2.35 s');
    expect(formatRate(55.56)).toBe('55.6 tok/s');
    expect(formatTokens(12_345)).toBe('12.3k');
    expect(formatTokens(999)).toBe('999');
  });

  it('says one and many in words', () => {
    expect(plural(1, 'answer')).toBe('1 answer');
    expect(plural(0, 'answer')).toBe('0 answers');
    expect(plural(2, 'pane')).toBe('2 panes');
    expect(plural(1200, 'token')).toBe('1,200 tokens');
    expect(plural(2, 'reply', 'replies')).toBe('2 replies');
  });

  it('dates a session relative to today', () => {
    const now = new Date(2026, 2, 12, 15, 0); // Thu 12 Mar 2026
    expect(formatWhen(new Date(2026, 2, 12, 9, 5).toISOString(), now)).toBe('Today 09:05');
    expect(formatWhen(new Date(2026, 2, 11, 23, 59).toISOString(), now)).toBe('Yesterday 23:59');
    expect(formatWhen(new Date(2026, 2, 9, 8, 0).toISOString(), now)).toBe('Mon 08:00');
    expect(formatWhen(new Date(2026, 0, 3, 8, 0).toISOString(), now)).toBe('Jan 3 08:00');
    expect(formatWhen(new Date(2024, 0, 3, 8, 0).toISOString(), now)).toBe('Jan 3, 2024');
    expect(formatWhen(new Date(2026, 2, 12, 9, 5, 7).toISOString(), now, true)).toBe(
      'Today 09:05:07',
    );
  });
});

describe('ordinal', () => {
  it('writes English places, teens included, past 24 panes', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 24, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '24th',
      '101st',
      '111th',
    ]);
  });
});
