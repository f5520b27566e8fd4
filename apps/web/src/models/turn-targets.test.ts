import { describe, expect, it } from 'vitest';

import type { PaneDetail } from '@mlb/contracts';

import {
  chooseModels,
  include,
  leaveOut,
  modelsToSend,
  sessionTargets,
  toggleTarget,
  type TurnTarget,
} from './turn-targets';

function pane(id: string, providerId: string, modelId: string, extra: Partial<PaneDetail> = {}) {
  return {
    id,
    sessionId: 's',
    providerId,
    modelId,
    kind: 'chat',
    params: {},
    systemPrompt: null,
    position: Number(id.slice(1)),
    simulated: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    state: 'complete',
    messages: [],
    totals: { answers: 0, inputTokens: 0, outputTokens: 0, cost: 0 },
    ...extra,
  } satisfies PaneDetail;
}

const panes = [
  pane('p1', 'groq', 'llama'),
  pane('p0', 'google', 'gemini', { params: { temperature: 0.2 }, systemPrompt: 'Be brief.' }),
  pane('p2', 'demo', 'demo-fast', { kind: 'summary' }),
];
const names = (targets: TurnTarget[]) =>
  targets.map(
    (t) => `${t.modelId}${t.paneId ? `@${t.paneId}` : ''}${t.skipped ? ' (skipped)' : ''}`,
  );

describe('the next prompt of an open session', () => {
  it('goes to every chat pane, in order, with the settings each last used', () => {
    const targets = sessionTargets(panes, undefined);
    expect(names(targets)).toEqual(['gemini@p0', 'llama@p1']);
    expect(modelsToSend(targets)).toEqual([
      {
        providerId: 'google',
        modelId: 'gemini',
        systemPrompt: 'Be brief.',
        params: { temperature: 0.2 },
      },
      { providerId: 'groq', modelId: 'llama' },
    ]);
  });

  it('leaves a pane out only when told, and can bring it back', () => {
    const targets = sessionTargets(panes, undefined);
    const without = leaveOut(targets, 1);
    expect(names(without)).toEqual(['gemini@p0', 'llama@p1 (skipped)']);
    expect(modelsToSend(without).map((m) => m.modelId)).toEqual(['gemini']);
    expect(names(include(without, 1))).toEqual(['gemini@p0', 'llama@p1']);
    // The picker's checkbox does the same through the model.
    const unchecked = toggleTarget(targets, { providerId: 'groq', modelId: 'llama' });
    expect(names(unchecked)).toEqual(['gemini@p0', 'llama@p1 (skipped)']);
    expect(names(toggleTarget(unchecked, { providerId: 'groq', modelId: 'llama' }))).toEqual([
      'gemini@p0',
      'llama@p1',
    ]);
  });

  it('adds a model as a new pane, which adopts the pane the server makes for it', () => {
    const added = toggleTarget(sessionTargets(panes, undefined), {
      providerId: 'openai',
      modelId: 'gpt',
    });
    expect(names(added)).toEqual(['gemini@p0', 'llama@p1', 'gpt']);
    expect(names(leaveOut(added, 2))).toEqual(['gemini@p0', 'llama@p1']);
    const after = sessionTargets([...panes, pane('p3', 'openai', 'gpt')], leaveOut(added, 1));
    expect(names(after)).toEqual(['gemini@p0', 'llama@p1 (skipped)', 'gpt@p3']);
  });

  it('a preset chooses exactly its models, through the panes the session has', () => {
    const chosen = chooseModels(sessionTargets(panes, undefined), [
      { providerId: 'groq', modelId: 'llama', temperature: 1 },
      { providerId: 'openai', modelId: 'gpt' },
    ]);
    expect(names(chosen)).toEqual(['gemini@p0 (skipped)', 'llama@p1', 'gpt']);
    expect(chosen[1]).toMatchObject({ paneId: 'p1', temperature: 1 });
  });

  it('in a new session, removing a model removes it', () => {
    const fresh: TurnTarget[] = [{ providerId: 'groq', modelId: 'llama' }];
    expect(leaveOut(fresh, 0)).toEqual([]);
    expect(toggleTarget(fresh, { providerId: 'groq', modelId: 'llama' })).toEqual([]);
  });

  it('adds models up to the 24 panes a broadcast may have, and no more', () => {
    const many = (n: number): TurnTarget[] =>
      Array.from({ length: n }, (_, i) => ({ providerId: 'p', modelId: `m${i}` }));
    expect(toggleTarget(many(23), { providerId: 'p', modelId: 'x' })).toHaveLength(24);
    expect(toggleTarget(many(24), { providerId: 'p', modelId: 'x' })).toHaveLength(24);
    expect(modelsToSend(many(24))).toHaveLength(24);
  });
});
