import { describe, expect, it } from 'vitest';

import { paneState, parseParams } from './mappers';

describe('parseParams', () => {
  it('keeps known numeric params and drops anything else', () => {
    expect(parseParams('{"temperature":0.5,"maxTokens":100,"topP":0.9}')).toEqual({
      temperature: 0.5,
      maxTokens: 100,
      topP: 0.9,
    });
    expect(parseParams('{"temperature":"hot","seed":3,"topP":null}')).toEqual({});
    for (const raw of ['', 'not json', 'null', '42', '[1,2]']) expect(parseParams(raw)).toEqual({});
  });
});

describe('paneState', () => {
  const message = (role: 'user' | 'assistant', status: 'complete' | 'streaming' | 'error') =>
    ({
      id: 'm',
      paneId: 'p',
      broadcastId: null,
      role,
      content: '',
      status,
      error: null,
      finishReason: null,
      endReason: null,
      metrics: null,
      createdAt: '',
      updatedAt: '',
    }) as const;

  it('is the latest answer status, idle before any answer', () => {
    expect(paneState([])).toBe('idle');
    expect(paneState([message('user', 'complete')])).toBe('idle');
    expect(
      paneState([
        message('assistant', 'error'),
        message('user', 'complete'),
        message('assistant', 'streaming'),
      ]),
    ).toBe('streaming');
    expect(paneState([message('assistant', 'complete'), message('user', 'complete')])).toBe(
      'complete',
    );
  });
});
