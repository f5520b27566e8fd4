import { describe, expect, it } from 'vitest';

import { broadcastCreateInput, sendToInput, sessionsListInput } from './inputs';
import { LIMITS } from './limits';

const model = { providerId: 'demo', modelId: 'demo-fast' };

describe('input schemas', () => {
  it('accepts a broadcast and trims the prompt', () => {
    const parsed = broadcastCreateInput.parse({ prompt: '  hello  ', models: [model] });
    expect(parsed.prompt).toBe('hello');
  });

  it('explains an empty prompt and too many models in words a user can act on', () => {
    const result = broadcastCreateInput.safeParse({
      prompt: '   ',
      models: Array.from({ length: LIMITS.panesPerBroadcast + 1 }, () => model),
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('prompt: Type a prompt before broadcasting.');
    expect(messages).toContain(
      `models: At most ${LIMITS.panesPerBroadcast} models per broadcast; remove some.`,
    );
  });

  it('rejects malformed provider ids and out-of-range parameters', () => {
    const result = broadcastCreateInput.safeParse({
      prompt: 'x',
      models: [{ providerId: 'Bad Id', modelId: 'm', params: { temperature: 3 } }],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['models.0.providerId', 'models.0.params.temperature']),
    );
  });

  it('refuses sending a pane to itself and defaults to context mode', () => {
    expect(sendToInput.safeParse({ sourcePaneId: 'a', targetPaneIds: ['a'] }).success).toBe(false);
    expect(sendToInput.parse({ sourcePaneId: 'a', targetPaneIds: ['b'] }).mode).toBe('context');
  });

  it('pages 20 sessions by default and caps the page size', () => {
    expect(sessionsListInput.parse({}).limit).toBe(20);
    expect(sessionsListInput.safeParse({ limit: LIMITS.pageSizeMax + 1 }).success).toBe(false);
  });
});
