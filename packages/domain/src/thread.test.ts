import { describe, expect, it } from 'vitest';

import type { MessageView } from '@mlb/contracts';

import { buildChatHistory, threadForRetry } from './thread';

let n = 0;
const msg = (
  role: MessageView['role'],
  content: string,
  status: MessageView['status'] = 'complete',
): MessageView => ({
  id: `m${++n}`,
  paneId: 'p',
  broadcastId: null,
  role,
  content,
  status,
  error: null,
  finishReason: null,
  endReason: null,
  metrics: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('buildChatHistory', () => {
  it('continues the pane thread, leaving out failed and empty answers and merging user turns', () => {
    const thread = [
      msg('user', 'Q1'),
      msg('assistant', 'A1'),
      msg('context', 'Context from groq'),
      msg('user', 'Q2'),
      msg('assistant', '', 'error'),
      msg('user', 'Q2 again'),
    ];
    expect(buildChatHistory(thread, 'Be brief.')).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Context from groq\n\nQ2\n\nQ2 again' },
    ]);
  });

  it('keeps a stopped partial answer as context', () => {
    expect(
      buildChatHistory([msg('user', 'Q'), msg('assistant', 'partial', 'stopped')], null),
    ).toEqual([
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'partial' },
    ]);
  });
});

describe('threadForRetry', () => {
  it('cuts the thread after its last prompt', () => {
    const thread = [
      msg('user', 'Q1'),
      msg('assistant', 'A1'),
      msg('user', 'Q2'),
      msg('assistant', 'bad', 'error'),
    ];
    expect(threadForRetry(thread)!.map((m) => m.content)).toEqual(['Q1', 'A1', 'Q2']);
    expect(threadForRetry([])).toBeNull();
  });
});
