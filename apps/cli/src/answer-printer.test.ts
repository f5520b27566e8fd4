import { describe, expect, it } from 'vitest';

import type { MeterEvent, PaneEvent } from '@mlb/contracts';

import { AnswerPrinter, metricsTable } from './answer-printer';

const base = { sessionId: 's' };
const metrics: MeterEvent['data'] = {
  inputTokens: 5,
  outputTokens: 7,
  cachedTokens: 0,
  cost: 0.0001,
  ttftMs: 3,
  latencyMs: 20,
  tokensPerSecond: null,
  retries: 0,
  estimated: false,
  tokensUsed: 12,
};

/** Splits printed output into each label's text. */
function byLabel(output: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const part of output
    .split(/\n\[([^\]]+)\] /)
    .slice(1)
    .reduce<string[][]>((pairs, x, i) => {
      if (i % 2 === 0) pairs.push([x]);
      else pairs[pairs.length - 1]!.push(x);
      return pairs;
    }, [])) {
    const [label, text] = part as [string, string];
    texts[label] = (texts[label] ?? '') + text;
  }
  return texts;
}

describe('AnswerPrinter', () => {
  it('prints every character of interleaved answers once and ends after every meter', () => {
    let out = '';
    const printer = new AnswerPrinter(
      [
        { messageId: 'm1', label: 'a/x' },
        { messageId: 'm2', label: 'b/y' },
      ],
      (t) => (out += t),
    );
    const events: PaneEvent[] = [
      { ...base, paneId: 'p1', messageId: 'm1', type: 'status', data: { state: 'queued' } },
      { ...base, paneId: 'p1', messageId: 'm1', type: 'token', data: { token: 'Héllo' } },
      { ...base, paneId: 'p2', messageId: 'm2', type: 'token', data: { token: 'Wor' } },
      { ...base, paneId: 'p1', messageId: 'm1', type: 'token', data: { token: ' 🎉' } },
      { ...base, paneId: 'p2', messageId: 'm2', type: 'token', data: { token: 'ld' } },
      {
        ...base,
        paneId: 'p1',
        messageId: 'm1',
        type: 'final',
        data: { content: 'Héllo 🎉', reason: 'done', providerFinishReason: 'stop' },
      },
      { ...base, paneId: 'p1', messageId: 'm1', type: 'meter', data: metrics },
      { ...base, paneId: 'other', messageId: 'zz', type: 'token', data: { token: 'not ours' } },
    ];
    for (const e of events) printer.apply(e);
    expect(printer.done).toBe(false);
    printer.apply({ ...base, paneId: 'p2', messageId: 'm2', type: 'meter', data: metrics });
    expect(printer.done).toBe(true);
    expect(byLabel(out)).toEqual({ 'a/x': 'Héllo 🎉', 'b/y': 'World' });
  });

  it('prints what a snapshot carries and ends on the end it reports', () => {
    let out = '';
    const printer = new AnswerPrinter([{ messageId: 'm1', label: 'a/x' }], (t) => (out += t));
    printer.apply({
      ...base,
      paneId: 'p1',
      messageId: 'm1',
      type: 'token',
      data: { token: 'Hel' },
    });
    printer.apply({
      ...base,
      paneId: 'p1',
      messageId: 'm1',
      type: 'status',
      data: {
        state: 'error',
        content: 'Hello',
        end: {
          reason: 'error',
          providerFinishReason: null,
          error: { kind: 'network', message: 'cut', suggestion: 'retry', retryable: true },
          metrics: { ...metrics, estimated: true },
        },
      },
    });
    expect(printer.done).toBe(true);
    expect(out).toContain('[a/x] Hello');
    expect(out).toContain('error (network): cut — retry');
    expect(metricsTable(printer.metrics())).toContain('~ estimated');
  });
});
