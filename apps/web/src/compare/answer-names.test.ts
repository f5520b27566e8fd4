import { describe, expect, it } from 'vitest';

import type { PaneDetail } from '@mlb/contracts';

import { answerName, answerNaming, byModel, namesById, statusLabel } from './answer-names';

const a = { paneId: 'p1', providerId: 'litellm', modelId: 'gpt-4o-mini' };
const b = { paneId: 'p2', providerId: 'groq', modelId: 'llama' };

describe('answer naming', () => {
  it('names by model and keeps order by default', () => {
    expect(answerName(a)).toBe('litellm / gpt-4o-mini');
    expect(byModel.order([a, b])).toEqual([a, b]);
    expect(namesById(byModel, [a, b])).toEqual({
      p1: 'litellm / gpt-4o-mini',
      p2: 'groq / llama',
    });
  });

  it('follows the grid’s names and order (blind letters), by pane id', () => {
    const letters: Record<string, string> = { p1: 'Model B', p2: 'Model A' };
    const naming = answerNaming(
      {
        nameOf: (p) => ({
          label: letters[p.id]!,
          letter: letters[p.id]!,
          modelId: null,
          providerId: null,
        }),
        order: (panes) => [...panes].sort((x, y) => letters[x.id]!.localeCompare(letters[y.id]!)),
      },
      [{ id: 'p1', providerId: 'litellm', modelId: 'gpt-4o-mini', kind: 'chat' } as PaneDetail],
    );
    expect(naming.nameOf(a)).toBe('Model B');
    expect(naming.nameOf(b)).toBe('Model A');
    expect(naming.order([a, b]).map((x) => x.paneId)).toEqual(['p2', 'p1']);
  });

  it('says why an answer ended when the status does not', () => {
    expect(statusLabel({ status: 'complete', endReason: 'done' })).toBe('complete');
    expect(statusLabel({ status: 'stopped', endReason: 'budget' })).toBe('stopped (budget)');
    expect(statusLabel({ status: 'stopped', endReason: 'stopped' })).toBe('stopped');
  });
});
