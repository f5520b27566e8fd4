import { describe, expect, it } from 'vitest';

import type { AnswerMetrics, CompareAnswer } from '@mlb/contracts';

import { metricValue, nextSort, sortAnswers } from './compare-sort';

const metrics = (m: Partial<AnswerMetrics>): AnswerMetrics => ({
  inputTokens: 10,
  outputTokens: 20,
  cachedTokens: 0,
  cost: 0.001,
  ttftMs: 100,
  latencyMs: 1000,
  tokensPerSecond: 20,
  retries: 0,
  estimated: false,
  ...m,
});

const answer = (paneId: string, m: Partial<AnswerMetrics> | null): CompareAnswer => ({
  paneId,
  messageId: `m-${paneId}`,
  providerId: 'p',
  modelId: paneId,
  content: `${paneId} answers`,
  status: m ? 'complete' : 'streaming',
  endReason: m ? 'done' : null,
  error: null,
  metrics: m ? metrics(m) : null,
  finishRank: null,
});

const ids = (answers: CompareAnswer[]) => answers.map((a) => a.paneId);

describe('sortAnswers', () => {
  const a = answer('a', { cost: 0.003, tokensPerSecond: 50, outputTokens: 30 });
  const b = answer('b', { cost: 0.001, tokensPerSecond: 80, outputTokens: 30 });
  const c = answer('c', { cost: null, tokensPerSecond: null, outputTokens: 10 });
  const d = answer('d', null);

  it('keeps pane order without a sort', () => {
    expect(ids(sortAnswers([a, b, c, d], null))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sorts either way, missing values (unknown price, no metrics) last both ways', () => {
    expect(ids(sortAnswers([a, b, c, d], { key: 'cost', direction: 'ascending' }))).toEqual([
      'b',
      'a',
      'c',
      'd',
    ]);
    expect(ids(sortAnswers([a, b, c, d], { key: 'cost', direction: 'descending' }))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('keeps pane order between equal values', () => {
    expect(ids(sortAnswers([a, b, c], { key: 'outputTokens', direction: 'descending' }))).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(ids(sortAnswers([b, a, c], { key: 'outputTokens', direction: 'ascending' }))).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('does not change the array it was given', () => {
    const given = [a, b];
    sortAnswers(given, { key: 'cost', direction: 'ascending' });
    expect(ids(given)).toEqual(['a', 'b']);
  });
});

describe('metricValue', () => {
  it('reads each metric, null without metrics', () => {
    const x = answer('x', { ttftMs: 123, latencyMs: 456 });
    expect(metricValue(x, 'ttftMs')).toBe(123);
    expect(metricValue(x, 'latencyMs')).toBe(456);
    expect(metricValue(answer('y', null), 'latencyMs')).toBeNull();
  });
});

describe('nextSort', () => {
  it('starts a column best first and flips it on the next click', () => {
    expect(nextSort(null, 'cost')).toEqual({ key: 'cost', direction: 'ascending' });
    expect(nextSort(null, 'tokensPerSecond')).toEqual({
      key: 'tokensPerSecond',
      direction: 'descending',
    });
    expect(nextSort({ key: 'cost', direction: 'ascending' }, 'cost')).toEqual({
      key: 'cost',
      direction: 'descending',
    });
    expect(nextSort({ key: 'cost', direction: 'descending' }, 'latencyMs')).toEqual({
      key: 'latencyMs',
      direction: 'ascending',
    });
  });
});
