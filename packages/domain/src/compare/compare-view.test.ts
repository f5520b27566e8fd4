import { describe, expect, it } from 'vitest';

import type {
  AnswerMetrics,
  MessageView,
  PaneDetail,
  SessionDetail,
  VoteView,
} from '@mlb/contracts';
import type { BroadcastInfo } from '@mlb/db';

import { compareView } from './compare-view';

const at = '2026-01-01T00:00:00.000Z';
let seq = 0;
const metrics = (over: Partial<AnswerMetrics>): AnswerMetrics => ({
  inputTokens: 10,
  outputTokens: 100,
  cachedTokens: 0,
  cost: 0.001,
  ttftMs: 100,
  latencyMs: 1000,
  tokensPerSecond: 50,
  retries: 0,
  estimated: false,
  ...over,
});
const message = (paneId: string, over: Partial<MessageView>): MessageView => ({
  id: `m${++seq}`,
  paneId,
  broadcastId: null,
  role: 'assistant',
  content: '',
  status: 'complete',
  error: null,
  finishReason: null,
  endReason: 'done',
  metrics: null,
  createdAt: at,
  updatedAt: at,
  ...over,
});
const pane = (
  id: string,
  position: number,
  messages: MessageView[],
  kind: PaneDetail['kind'] = 'chat',
): PaneDetail => ({
  id,
  sessionId: 's',
  providerId: 'groq',
  modelId: id,
  kind,
  params: {},
  systemPrompt: null,
  position,
  simulated: false,
  createdAt: at,
  state: 'complete',
  messages,
  totals: { answers: 0, inputTokens: 0, outputTokens: 0, cost: 0 },
});
const broadcast = (id: string, kind: BroadcastInfo['kind'] = 'broadcast'): BroadcastInfo => ({
  id,
  prompt: `prompt of ${id}`,
  kind,
  budgetUsd: null,
  createdAt: at,
});
const session = (panes: PaneDetail[]): SessionDetail => ({
  id: 's',
  title: 'T',
  createdAt: at,
  updatedAt: at,
  paneCount: panes.length,
  panes,
  totals: { answers: 0, inputTokens: 0, outputTokens: 0, cost: 0 },
});
const ask = (paneId: string, broadcastId: string) =>
  message(paneId, { role: 'user', broadcastId, content: 'q', endReason: null });

describe('compareView', () => {
  it('puts each turn’s latest answers side by side, a retry replacing the answer it retried', () => {
    const a1 = message('a', {
      broadcastId: 'b1',
      content: 'A first',
      metrics: metrics({ cost: 0.002, latencyMs: 900 }),
    });
    const b1 = message('b', {
      broadcastId: 'b1',
      content: 'B failed',
      status: 'error',
      endReason: 'error',
      metrics: metrics({ latencyMs: 10 }),
    });
    const b1retry = message('b', {
      broadcastId: 'r1',
      content: 'B retried',
      metrics: metrics({ cost: 0.001, latencyMs: 1200, tokensPerSecond: 80 }),
    });
    const a2 = message('a', {
      broadcastId: 'b2',
      content: 'A alone',
      status: 'streaming',
      endReason: null,
    });
    const view = compareView(
      session([
        pane('b', 1, [ask('b', 'b1'), b1, b1retry]),
        pane('a', 0, [ask('a', 'b1'), a1, ask('a', 'b2'), a2]),
      ]),
      [broadcast('b1'), broadcast('r1', 'retry'), broadcast('b2', 'prompt')],
      [],
    );
    expect(view.turns.map((t) => [t.broadcastId, t.kind, t.prompt])).toEqual([
      ['b1', 'broadcast', 'prompt of b1'],
      ['b2', 'prompt', 'prompt of b2'],
    ]);
    const [first, second] = view.turns;
    expect(first!.answers.map((a) => [a.paneId, a.content, a.status])).toEqual([
      ['a', 'A first', 'complete'],
      ['b', 'B retried', 'complete'],
    ]);
    expect(first!.best).toEqual({
      cost: ['b'],
      ttftMs: ['a', 'b'],
      tokensPerSecond: ['b'],
      latencyMs: ['a'],
      outputTokens: ['a', 'b'],
    });
    expect(first!.answers.map((a) => a.finishRank)).toEqual([1, 2]);
    expect(first!.cost).toEqual({ totalUsd: 0.003, unknownPrices: 0 });
    expect(second!.answers).toMatchObject([
      { paneId: 'a', content: 'A alone', status: 'streaming', finishRank: null },
    ]);
    expect(second!.best.cost).toEqual([]);
    expect(view.panes.map((p) => p.id)).toEqual(['b', 'a']);
    expect(view.panes[0]).not.toHaveProperty('messages');
  });

  it('leaves failed answers out of the best values and the race, and counts unknown prices', () => {
    const fast = message('a', {
      broadcastId: 'b1',
      status: 'error',
      endReason: 'timeout',
      metrics: metrics({ latencyMs: 5, cost: 0 }),
    });
    const slow = message('b', {
      broadcastId: 'b1',
      metrics: metrics({ latencyMs: 2000, cost: null }),
    });
    const [turn] = compareView(
      session([pane('a', 0, [ask('a', 'b1'), fast]), pane('b', 1, [ask('b', 'b1'), slow])]),
      [broadcast('b1')],
      [],
    ).turns;
    expect(turn!.best.latencyMs).toEqual(['b']);
    expect(turn!.best.cost).toEqual([]);
    expect(turn!.answers.map((a) => a.finishRank)).toEqual([null, 1]);
    expect(turn!.cost).toEqual({ totalUsd: 0, unknownPrices: 1 });
  });

  it('attaches the turn’s vote, blind letters and the fusions made from its answers', () => {
    const a = message('a', { broadcastId: 'b1' });
    const b = message('b', { broadcastId: 'b1' });
    const fusionPrompt = message('f', {
      role: 'user',
      broadcastId: 'f1',
      endReason: null,
      fuse: {
        template: 'fuse',
        instruction: 'Fuse.',
        sources: [{ label: 'A', paneId: 'a', messageId: a.id, providerId: 'groq', modelId: 'a' }],
      },
    });
    const fused = message('f', { broadcastId: 'f1' });
    const vote: VoteView = {
      id: 'v',
      sessionId: 's',
      broadcastId: 'b1',
      kind: 'tie',
      entries: [],
      createdAt: at,
    };
    const view = compareView(
      session([
        pane('a', 0, [ask('a', 'b1'), a]),
        pane('b', 1, [ask('b', 'b1'), b]),
        pane('f', 2, [fusionPrompt, fused], 'summary'),
      ]),
      [broadcast('b1'), broadcast('f1', 'fuse')],
      [vote],
    );
    expect(view.turns).toHaveLength(1);
    const [turn] = view.turns;
    expect(turn!.vote).toBe(vote);
    expect(turn!.fusions).toEqual([{ paneId: 'f', messageId: fused.id, template: 'fuse' }]);
    expect(Object.values(turn!.blind.labels).sort()).toEqual(['Model A', 'Model B']);
    expect([...turn!.blind.order].sort()).toEqual(['a', 'b']);
  });
});
