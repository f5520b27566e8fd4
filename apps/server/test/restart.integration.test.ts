import { describe, expect, it } from 'vitest';

import { collectEvents, finalsFor, useHarness } from './harness';

const ctx = useHarness();

describe('restarting the server', () => {
  it('keeps every session, and marks an answer cut off by the restart as interrupted with its text so far', async () => {
    const h = ctx.h();
    const upstreams = ctx.upstreams();
    const done = await h.client.broadcast.create.mutate({
      prompt: 'survive a restart',
      models: [{ providerId: 'groq', modelId: 'llama-3.1-8b-instant' }],
    });
    await collectEvents(
      h.client,
      { sessionId: done.sessionId },
      finalsFor([done.panes[0]!.messageId]),
    );

    upstreams.litellm.setScenario('gpt-4o-mini', {
      text: 'partial '.repeat(500),
      tokenDelayMs: 20,
    });
    const cut = await h.client.broadcast.create.mutate({
      prompt: 'cut me off',
      models: [{ providerId: 'litellm', modelId: 'gpt-4o-mini' }],
    });
    await collectEvents(
      h.client,
      { sessionId: cut.sessionId },
      (ev) => ev.filter((e) => e.event.type === 'token').length >= 10,
    );
    await h.restart();

    const kept = await h.client.sessions.get.query({ sessionId: done.sessionId });
    expect(kept.panes[0]!.messages.map((m) => m.status)).toEqual(['complete', 'complete']);
    expect(kept.panes[0]!.messages[1]!.content).toBe(
      'llama-3.1-8b-instant answers: survive a restart',
    );
    const interrupted = await h.client.sessions.get.query({ sessionId: cut.sessionId });
    const answer = interrupted.panes[0]!.messages[1]!;
    expect(answer.status).toBe('interrupted');
    expect(answer.content.length).toBeGreaterThan(0);
    expect('partial '.repeat(500).startsWith(answer.content)).toBe(true);
    expect(interrupted.panes[0]!.state).toBe('interrupted');
  });
});
