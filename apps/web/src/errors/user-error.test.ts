import { describe, expect, it } from 'vitest';

import { describeError, PROMPT_KEPT } from './user-error';

const apiError = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { data: { code, suggestion: null, ...extra } });

describe('describeError', () => {
  it('says a deleted or stale session is gone, without API terms, and keeps the prompt', () => {
    const e = describeError(
      apiError('NOT_FOUND', 'Session "abc123" does not exist.', {
        suggestion: 'Leave sessionId out to start a new session, or pick one from sessions.list.',
      }),
      'send',
    );
    expect(e.sessionGone).toBe(true);
    expect(e.message).toBe(
      'This session no longer exists: it was deleted, or the link is out of date.',
    );
    expect(e.hint).toBe(`${PROMPT_KEPT} Send it in a new session.`);
    expect(`${e.message} ${e.hint}`).not.toMatch(/sessions\.list|sessionId|abc123/);
  });

  it('names a provider the workspace does not have, and what to do', () => {
    const e = describeError(
      apiError('BAD_REQUEST', 'There is no provider "demo".', {
        suggestion: 'Use one of: groq, openai.',
      }),
      'send',
    );
    expect(e.message).toContain('no provider “demo”');
    expect(e.hint).toContain('Remove those models under Models');
  });

  it('passes on a refusal that is already in the user’s words', () => {
    const e = describeError(
      apiError('PRECONDITION_FAILED', 'Groq is not configured.', {
        suggestion: 'Set GROQ_API_KEY in .env and restart the server.',
      }),
      'send',
    );
    expect(e).toEqual({
      message: 'Groq is not configured.',
      hint: `${PROMPT_KEPT} Set GROQ_API_KEY in .env and restart the server.`,
      sessionGone: false,
    });
  });

  it('shows the field messages of an invalid input, not the field paths', () => {
    const e = describeError(
      apiError(
        'BAD_REQUEST',
        'Invalid input: models: At most 16 models per broadcast; remove some.',
        {
          fieldErrors: [
            { path: 'models', message: 'At most 16 models per broadcast; remove some.' },
          ],
        },
      ),
      'send',
    );
    expect(e.message).toBe('At most 16 models per broadcast; remove some.');
  });

  it('a call that got no answer is a dropped connection', () => {
    const e = describeError(new Error('WebSocket closed'), 'send');
    expect(e.message).toBe(
      'The connection to the workspace dropped before your prompt reached it.',
    );
    expect(e.hint).toBe(`${PROMPT_KEPT} Send it again once the connection is back.`);
    expect(describeError(new Error('WebSocket closed'), 'stop').hint).toBe(
      'Try again once the connection is back.',
    );
  });

  it('a busy session asks to wait, stop, or leave panes out', () => {
    const e = describeError(apiError('CONFLICT', 'Pane x1 is still answering.'), 'send');
    expect(e.message).toBe('Some panes of this session are still answering.');
    expect(e.hint).toContain('leave them out');
  });

  it('says which budget a refusal is about, without API names', () => {
    const e = describeError(
      apiError('CONFLICT', 'The session’s budget of $0.01 is spent.'),
      'send',
    );
    expect(e.message).toBe('The session’s budget of $0.01 is spent.');
    expect(e.hint).toContain('Budget in the top bar');
    expect(e.hint).toContain(PROMPT_KEPT);
  });
});
