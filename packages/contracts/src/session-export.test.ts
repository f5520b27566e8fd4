import { describe, expect, expectTypeOf, it } from 'vitest';

import type { FuseRequest } from './fuse';
import { sessionExportSchema, type ExportedMessage } from './session-export';
import type { EndReason, MessageStatus } from './states';
import type { MessageView } from './views';

const message = (over: Partial<ExportedMessage> = {}): ExportedMessage => ({
  id: 'm1',
  broadcastId: 'b1',
  role: 'user',
  content: 'Hi',
  status: 'complete',
  endReason: null,
  finishReason: null,
  error: null,
  metrics: null,
  source: null,
  citations: null,
  fuse: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const doc = (messages: ExportedMessage[]) => ({
  format: 'broadcast-workspace/session',
  version: 1,
  exportedAt: '2026-01-02T00:00:00.000Z',
  session: { title: 'T', createdAt: '2026-01-01T00:00:00.000Z', budgetUsd: null },
  panes: [
    {
      id: 'p1',
      providerId: 'demo',
      modelId: 'demo-fast',
      kind: 'chat',
      params: {},
      systemPrompt: null,
      position: 0,
      createdAt: '2026-01-01T00:00:00.000Z',
      messages,
    },
  ],
  broadcasts: [
    {
      id: 'b1',
      prompt: 'Hi',
      kind: 'broadcast',
      budgetUsd: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
  ],
  votes: [],
});

describe('sessionExportSchema', () => {
  it('holds every end reason, status and role the workspace has', () => {
    expectTypeOf<ExportedMessage['endReason']>().toEqualTypeOf<EndReason | null>();
    expectTypeOf<ExportedMessage['status']>().toEqualTypeOf<MessageStatus>();
    expectTypeOf<ExportedMessage['role']>().toEqualTypeOf<MessageView['role']>();
    expectTypeOf<NonNullable<ExportedMessage['fuse']>>().toEqualTypeOf<FuseRequest>();
  });

  it('reads an export back', () => {
    const parsed = sessionExportSchema.parse(doc([message()]));
    expect(parsed.panes[0]!.messages[0]!.content).toBe('Hi');
  });

  it('names what is wrong with a file that is not an export', () => {
    const result = sessionExportSchema.safeParse({ ...doc([]), format: 'something-else' });
    expect(result.error!.issues[0]).toMatchObject({
      path: ['format'],
      message:
        'This is not a session export of the Broadcast Workspace (its "format" field differs).',
    });
    const bad = sessionExportSchema.safeParse(
      doc([message({ role: 'robot' as never, createdAt: 'yesterday' })]),
    );
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'panes.0.messages.0.role',
      'panes.0.messages.0.createdAt',
    ]);
  });
});
