import { describe, expect, it } from 'vitest';

import type { MessageView, PaneDetail } from '@mlb/contracts';

import { sessionTurns } from './turns';

let clock = 0;
function msg(broadcastId: string, role: MessageView['role'], content: string): MessageView {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
  return {
    id: `m${clock}`,
    paneId: '',
    broadcastId,
    role,
    content,
    status: 'complete',
    error: null,
    finishReason: null,
    endReason: null,
    metrics: null,
    createdAt: at,
    updatedAt: at,
  };
}
function pane(id: string, messages: MessageView[], kind: PaneDetail['kind'] = 'chat'): PaneDetail {
  return {
    id,
    sessionId: 's',
    providerId: 'p',
    modelId: id,
    kind,
    params: {},
    systemPrompt: null,
    position: 0,
    simulated: false,
    createdAt: '',
    state: 'complete',
    messages,
    totals: { answers: 0, inputTokens: 0, outputTokens: 0, cost: 0 },
  };
}

describe('sessionTurns', () => {
  it('shows a broadcast prompt once per turn; a prompt one pane got alone stays in it', () => {
    const first = [msg('b1', 'user', 'Hello'), msg('b1', 'user', 'Hello')];
    const second = [msg('b2', 'user', 'More'), msg('b2', 'user', 'More')];
    const alone = msg('b3', 'user', 'Only to A');
    const { turns, turnOf } = sessionTurns([
      pane('a', [first[0]!, msg('b1', 'assistant', '1'), second[0]!, alone]),
      pane('b', [first[1]!, msg('b1', 'assistant', '2'), second[1]!]),
      pane('sum', [msg('b4', 'user', 'Summarize…')], 'summary'),
    ]);
    expect(turns.map((t) => [t.number, t.prompt, t.paneIds])).toEqual([
      [1, 'Hello', ['a', 'b']],
      [2, 'More', ['a', 'b']],
    ]);
    expect(turnOf('b2')?.number).toBe(2);
    expect(turnOf('b3')).toBeUndefined();
    expect(turnOf('b4')).toBeUndefined();
  });

  it('a session of one chat pane has its prompts as turns', () => {
    const { turns } = sessionTurns([pane('a', [msg('b1', 'user', 'Hi')])]);
    expect(turns.map((t) => t.prompt)).toEqual(['Hi']);
  });
});
