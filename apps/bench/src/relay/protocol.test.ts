import { describe, expect, it } from 'vitest';

import { parseRelayStart } from './protocol';

describe('the relay start message', () => {
  it('reads a prompt and a pane count', () => {
    expect(parseRelayStart('{"prompt":"hi","panes":4}')).toEqual({ prompt: 'hi', panes: 4 });
  });

  it.each([
    '{"prompt":"hi"}',
    '{"prompt":1,"panes":4}',
    '{"prompt":"hi","panes":0}',
    '{"prompt":"hi","panes":2.5}',
    'null',
  ])('refuses %s with what it expects', (raw) => {
    expect(() => parseRelayStart(raw)).toThrow('expected {"prompt": string, "panes": 1..64}');
  });
});
