import { describe, expect, it } from 'vitest';

import { collectEvents, finalsFor, useHarness } from './harness';

const ctx = useHarness();
const DEMO = [{ providerId: 'demo', modelId: 'demo-fast' }];

describe('broadcast.create with a session id the caller chose', () => {
  it('starts the session under that id with createIfMissing, then continues it', async () => {
    const { client } = ctx.h();
    const first = await client.broadcast.create.mutate({
      prompt: 'First question',
      models: DEMO,
      sessionId: 'test-session',
      createIfMissing: true,
    });
    expect(first.sessionId).toBe('test-session');
    await collectEvents(
      client,
      { sessionId: 'test-session', lastEventId: first.lastEventId },
      finalsFor([first.panes[0]!.messageId]),
    );
    const second = await client.broadcast.create.mutate({
      prompt: 'Second question',
      models: DEMO,
      sessionId: 'test-session',
      createIfMissing: true,
    });
    expect(second.sessionId).toBe('test-session');
    // The same model continues its own pane in the same session.
    expect(second.panes[0]!.paneId).toBe(first.panes[0]!.paneId);
    const session = await client.sessions.get.query({ sessionId: 'test-session' });
    expect(session.title).toBe('First question');
    expect(session.panes).toHaveLength(1);
    expect(
      session.panes[0]!.messages.filter((m) => m.role === 'user').map((m) => m.content),
    ).toEqual(['First question', 'Second question']);
  });

  it('still refuses an unknown session id without createIfMissing, creating nothing', async () => {
    const { client } = ctx.h();
    const attempt = client.broadcast.create.mutate({
      prompt: 'Hello',
      models: DEMO,
      sessionId: 'never-made',
    });
    await expect(attempt).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(client.sessions.get.query({ sessionId: 'never-made' })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
  });

  it('keeps the id limits of every id: at most 64 characters', async () => {
    const { client } = ctx.h();
    await expect(
      client.broadcast.create.mutate({
        prompt: 'Hello',
        models: DEMO,
        sessionId: 'x'.repeat(65),
        createIfMissing: true,
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });
});
