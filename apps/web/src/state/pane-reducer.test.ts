import { describe, expect, it } from 'vitest';

import type { PaneEvent } from '@mlb/contracts';

import { applyPaneEvent, emptyPane, SeenIds, type LivePane } from './pane-reducer';

const base = { sessionId: 's', paneId: 'p' };
const fold = (events: PaneEvent[], start: LivePane = emptyPane()) =>
  events.reduce((pane, e) => applyPaneEvent(pane, e).pane, start);

describe('applyPaneEvent', () => {
  it('appends tokens and ends with the final text and meter', () => {
    const pane = fold([
      { ...base, messageId: 'm1', type: 'status', data: { state: 'streaming' } },
      { ...base, messageId: 'm1', type: 'token', data: { token: 'Hel' } },
      { ...base, messageId: 'm1', type: 'token', data: { token: 'lo' } },
      {
        ...base,
        messageId: 'm1',
        type: 'final',
        data: { content: 'Hello', reason: 'done', providerFinishReason: 'stop' },
      },
      {
        ...base,
        messageId: 'm1',
        type: 'meter',
        data: {
          inputTokens: 1,
          outputTokens: 2,
          cachedTokens: 0,
          cost: 0,
          ttftMs: 5,
          latencyMs: 9,
          tokensPerSecond: 10,
          retries: 0,
          estimated: false,
          tokensUsed: 3,
        },
      },
      { ...base, messageId: 'm1', type: 'status', data: { state: 'complete' } },
    ]);
    expect(pane).toMatchObject({
      text: 'Hello',
      status: { state: 'complete', meter: { tokensUsed: 3 }, hasText: true },
    });
  });

  it('keeps a fused answer’s citations from its final event, and drops them for the next answer', () => {
    const citations = [
      {
        paragraph: 0,
        start: 0,
        end: 9,
        labels: ['A'],
        sources: [{ paneId: 'pa', messageId: 'ma' }],
      },
    ];
    const ended = fold([
      { ...base, messageId: 'm1', type: 'token', data: { token: 'Fused [A]' } },
      {
        ...base,
        messageId: 'm1',
        type: 'final',
        data: { content: 'Fused [A]', reason: 'done', providerFinishReason: 'stop', citations },
      },
    ]);
    expect(ended.status.citations).toEqual(citations);
    const next = fold([{ ...base, messageId: 'm2', type: 'token', data: { token: 'x' } }], ended);
    expect(next.status.citations).toBeNull();
  });

  it('keeps how an answer ended: a budget stop, from its final event or a snapshot', () => {
    const stopped = fold([
      { ...base, messageId: 'm1', type: 'token', data: { token: 'partial' } },
      {
        ...base,
        messageId: 'm1',
        type: 'final',
        data: { content: 'partial', reason: 'budget', providerFinishReason: null },
      },
      { ...base, messageId: 'm1', type: 'status', data: { state: 'stopped' } },
    ]);
    expect(stopped).toMatchObject({
      text: 'partial',
      status: { state: 'stopped', endReason: 'budget' },
    });
    const snapshot = fold([
      {
        ...base,
        messageId: 'm2',
        type: 'status',
        data: {
          state: 'stopped',
          content: 'so far',
          end: { reason: 'budget', providerFinishReason: null, error: null, metrics: null },
        },
      },
    ]);
    expect(snapshot.status.endReason).toBe('budget');
    // The next answer starts without the last one's end.
    const next = fold([{ ...base, messageId: 'm3', type: 'token', data: { token: 'x' } }], stopped);
    expect(next.status.endReason).toBeNull();
  });

  it('shows progress while streaming, and the end and metrics a snapshot carries', () => {
    const progress = { outputTokens: 12, elapsedMs: 800, tokensPerSecond: 20 };
    const streaming = fold([
      { ...base, messageId: 'm1', type: 'token', data: { token: 'abc', progress } },
      { ...base, messageId: 'm1', type: 'token', data: { token: 'd' } },
    ]);
    expect(streaming.status.progress).toEqual(progress);
    const metrics = {
      inputTokens: 3,
      outputTokens: 9,
      cachedTokens: 0,
      cost: null,
      ttftMs: 4,
      latencyMs: 40,
      tokensPerSecond: null,
      retries: 0,
      estimated: true,
      tokensUsed: 12,
    };
    const ended = fold([
      {
        ...base,
        messageId: 'm1',
        type: 'status',
        data: {
          state: 'stopped',
          content: 'partial',
          saved: false,
          end: { reason: 'stopped', providerFinishReason: null, error: null, metrics },
        },
      },
    ]);
    expect(ended).toMatchObject({
      text: 'partial',
      status: { state: 'stopped', meter: metrics, unsaved: true },
    });
    const saved = fold(
      [{ ...base, messageId: 'm1', type: 'status', data: { state: 'stopped', saved: true } }],
      ended,
    );
    expect(saved.status.unsaved).toBe(false);
  });

  it('replaces the text with a snapshot instead of appending it', () => {
    const pane = fold([
      { ...base, messageId: 'm1', type: 'token', data: { token: 'abc' } },
      { ...base, messageId: 'm1', type: 'status', data: { state: 'streaming', content: 'abcdef' } },
      { ...base, messageId: 'm1', type: 'token', data: { token: 'g' } },
    ]);
    expect(pane.text).toBe('abcdefg');
  });

  it('starts over for a new answer and keeps errors with their suggestion', () => {
    const first = fold([{ ...base, messageId: 'm1', type: 'token', data: { token: 'old' } }]);
    const pane = fold(
      [
        { ...base, messageId: 'm2', type: 'status', data: { state: 'queued' } },
        {
          ...base,
          messageId: 'm2',
          type: 'error',
          data: {
            kind: 'rate_limit',
            message: 'Slow down',
            suggestion: 'Wait',
            retryable: true,
            partialContent: '',
          },
        },
        { ...base, messageId: 'm2', type: 'status', data: { state: 'error' } },
      ],
      first,
    );
    expect(pane).toMatchObject({
      text: '',
      status: {
        messageId: 'm2',
        state: 'error',
        error: { kind: 'rate_limit', suggestion: 'Wait' },
        hasText: false,
      },
    });
  });

  it('keeps the status object while tokens only add text, so views of the status need not render', () => {
    const streaming = fold([
      { ...base, messageId: 'm1', type: 'status', data: { state: 'streaming' } },
      { ...base, messageId: 'm1', type: 'token', data: { token: 'a' } },
    ]);
    const next = applyPaneEvent(streaming, {
      ...base,
      messageId: 'm1',
      type: 'token',
      data: { token: 'b' },
    }).pane;
    expect(next.text).toBe('ab');
    expect(next.status).toBe(streaming.status);
    const done = applyPaneEvent(next, {
      ...base,
      messageId: 'm1',
      type: 'status',
      data: { state: 'complete' },
    }).pane;
    expect(done.status).not.toBe(streaming.status);
    expect(done.status.state).toBe('complete');
  });
});

describe('SeenIds', () => {
  it('accepts an id once and forgets the oldest past its bound', () => {
    const seen = new SeenIds(2);
    expect(seen.add('a')).toBe(true);
    expect(seen.add('a')).toBe(false);
    seen.add('b');
    seen.add('c');
    expect(seen.add('a')).toBe(true);
  });
});
