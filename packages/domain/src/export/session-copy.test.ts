import { describe, expect, it } from 'vitest';

import type { ExportedMessage, SessionExport } from '@mlb/contracts';

import { sessionCopy } from './session-copy';

const at = '2026-01-01T00:00:00.000Z';
const message = (id: string, over: Partial<ExportedMessage> = {}): ExportedMessage => ({
  id,
  broadcastId: 'b1',
  role: 'assistant',
  content: id,
  status: 'complete',
  endReason: 'done',
  finishReason: 'stop',
  error: null,
  metrics: null,
  source: null,
  citations: null,
  fuse: null,
  createdAt: at,
  ...over,
});
const pane = (id: string, position: number, messages: ExportedMessage[]) => ({
  id,
  providerId: 'groq',
  modelId: id,
  kind: 'chat' as const,
  params: {},
  systemPrompt: null,
  position,
  createdAt: at,
  messages,
});
const doc = (over: Partial<SessionExport> = {}): SessionExport => ({
  format: 'broadcast-workspace/session',
  version: 1,
  exportedAt: at,
  session: { title: 'T', createdAt: at, budgetUsd: null },
  panes: [
    pane('p1', 0, [message('u1', { role: 'user', endReason: null }), message('a1')]),
    pane('p2', 1, [
      message('c2', {
        role: 'context',
        broadcastId: null,
        source: { paneId: 'p1', messageId: 'a1' },
      }),
      message('a2', {
        status: 'streaming',
        endReason: null,
        citations: [
          {
            paragraph: 0,
            start: 0,
            end: 2,
            labels: ['A'],
            sources: [{ paneId: 'p1', messageId: 'a1' }],
          },
        ],
      }),
    ]),
  ],
  broadcasts: [{ id: 'b1', prompt: 'q', kind: 'broadcast', budgetUsd: null, createdAt: at }],
  votes: [
    {
      broadcastId: 'b1',
      kind: 'best',
      entries: [
        { paneId: 'p1', rank: 1 },
        { paneId: 'p2', rank: 2 },
      ],
      createdAt: at,
    },
  ],
  ...over,
});

describe('sessionCopy', () => {
  it('gives everything new ids and maps every reference to them, citations and provenance too', () => {
    const { copy, dangling } = sessionCopy(doc(), { dangling: 'report' });
    expect(dangling).toEqual([]);
    const old = ['p1', 'p2', 'u1', 'a1', 'c2', 'a2', 'b1'];
    const ids = [
      copy.session.id,
      ...copy.panes.map((p) => p.id),
      ...copy.messages.map((m) => m.id),
      ...copy.broadcasts.map((b) => b.id),
    ];
    expect(ids.some((id) => old.includes(id))).toBe(false);
    expect(new Set(ids).size).toBe(ids.length);

    const [p1, p2] = copy.panes;
    const [u1, a1, c2, a2] = copy.messages;
    expect(u1!.paneId).toBe(p1!.id);
    expect(a1!.broadcastId).toBe(copy.broadcasts[0]!.id);
    expect(c2).toMatchObject({
      paneId: p2!.id,
      broadcastId: null,
      source: { paneId: p1!.id, messageId: a1!.id },
    });
    expect(a2!.citations![0]!.sources).toEqual([{ paneId: p1!.id, messageId: a1!.id }]);
    // Nothing will finish it in the copy.
    expect(a2).toMatchObject({ status: 'interrupted', endReason: 'interrupted' });
    expect(copy.votes[0]).toMatchObject({
      broadcastId: copy.broadcasts[0]!.id,
      entries: [
        { paneId: p1!.id, providerId: 'groq', modelId: 'p1', rank: 1 },
        { paneId: p2!.id, providerId: 'groq', modelId: 'p2', rank: 2 },
      ],
    });
  });

  it('reports references to what the file does not hold, with their paths', () => {
    const broken = doc();
    broken.panes[1]!.messages[0]!.source = { paneId: 'p9', messageId: null };
    broken.panes[0]!.messages[1]!.broadcastId = 'b9';
    broken.panes[1]!.position = 0;
    broken.votes[0]!.entries[1]!.paneId = 'p7';
    expect(sessionCopy(broken, { dangling: 'report' }).dangling).toEqual([
      { path: 'panes.1.position', message: 'position 0 is taken by another pane.' },
      { path: 'panes.0.messages.1.broadcastId', message: '"b9" is not a broadcast of this file.' },
      { path: 'panes.1.messages.0.source.paneId', message: '"p9" is not a pane of this file.' },
      { path: 'votes.0.entries.1.paneId', message: '"p7" is not a pane of this file.' },
    ]);
  });

  it('drops what points outside when asked to (a fork of one pane)', () => {
    const one = doc({ panes: [doc().panes[1]!], votes: [] });
    const { copy, dangling } = sessionCopy(one, { dangling: 'drop', title: 'Fork' });
    expect(dangling).toEqual([]);
    expect(copy.session.title).toBe('Fork');
    expect(copy.messages[0]!.source).toBeNull();
    expect(copy.messages[1]!.citations).toEqual([
      { paragraph: 0, start: 0, end: 2, labels: ['A'], sources: [] },
    ]);
  });
});
