import { describe, expect, it } from 'vitest';

import type { CompareAnswer, CompareTurn } from './compare';
import { compareTableMarkdown, formatUsd } from './compare-markdown';
import type { AnswerMetrics } from './metrics';

const metrics = (over: Partial<AnswerMetrics>): AnswerMetrics => ({
  inputTokens: 10,
  outputTokens: 100,
  cachedTokens: 0,
  cost: 0.001,
  ttftMs: 200,
  latencyMs: 1500,
  tokensPerSecond: 50,
  retries: 0,
  estimated: false,
  ...over,
});

const answer = (paneId: string, over: Partial<CompareAnswer>): CompareAnswer => ({
  paneId,
  messageId: `m-${paneId}`,
  providerId: 'groq',
  modelId: paneId,
  content: '',
  status: 'complete',
  endReason: 'done',
  error: null,
  metrics: null,
  finishRank: null,
  ...over,
});

const turn = (answers: CompareAnswer[], best: CompareTurn['best']): CompareTurn => ({
  broadcastId: 'b',
  kind: 'broadcast',
  prompt: 'Why?',
  createdAt: '2026-01-01T00:00:00.000Z',
  answers,
  best,
  blind: { order: [], labels: {} },
  vote: null,
  fusions: [],
  cost: { totalUsd: 0, unknownPrices: 0 },
});

describe('compareTableMarkdown', () => {
  it('writes a row per answer with the best value of each column in bold', () => {
    const t = turn(
      [
        answer('a', { metrics: metrics({ cost: 0.00042, ttftMs: 120.4 }) }),
        answer('b|x', {
          status: 'stopped',
          endReason: 'budget',
          metrics: metrics({ cost: null, latencyMs: 800, outputTokens: 1234, estimated: true }),
        }),
      ],
      {
        cost: ['a'],
        ttftMs: ['a'],
        tokensPerSecond: ['a', 'b|x'],
        latencyMs: ['b|x'],
        outputTokens: ['a'],
      },
    );
    expect(compareTableMarkdown(t)).toBe(
      [
        '| Model | Status | Cost | TTFT | Tokens/s | Latency | Output tokens |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| groq / a | complete | **$0.00042** | **120 ms** | **50.0** | 1.50 s | **100** |',
        '| groq / b\\|x | stopped (budget) | unknown price | 200 ms | **50.0** | **800 ms** | ~1,234 |',
      ].join('\n'),
    );
  });

  it('names panes as given (blind letters) and shows a dash for an answer without metrics', () => {
    const t = turn([answer('a', { status: 'error', endReason: 'error' })], {
      cost: [],
      ttftMs: [],
      tokensPerSecond: [],
      latencyMs: [],
      outputTokens: [],
    });
    expect(compareTableMarkdown(t, { a: 'Model A' }).split('\n')[2]).toBe(
      '| Model A | error | — | — | — | — | — |',
    );
  });
});

describe('formatUsd', () => {
  it('keeps three significant digits under a dollar', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.000123456)).toBe('$0.000123');
    expect(formatUsd(0.05)).toBe('$0.05');
    expect(formatUsd(12.345)).toBe('$12.35');
  });
});
