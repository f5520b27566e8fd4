import { describe, expect, it } from 'vitest';

import { formatUsd, type Forecast } from '@mlb/contracts';

import {
  describeFuseError,
  describeFuseRequest,
  overBudgetForecast,
  overBudgetText,
  remember,
} from './fuse-request';

describe('describeFuseRequest', () => {
  it('names the template and each source by label and model', () => {
    expect(
      describeFuseRequest({
        template: 'fuse',
        sources: [
          {
            label: 'A',
            paneId: 'p1',
            messageId: 'm1',
            providerId: 'litellm',
            modelId: 'gpt-4o-mini',
          },
          { label: 'B', paneId: 'p2', messageId: 'm2', providerId: 'groq', modelId: 'llama' },
        ],
      }),
    ).toBe('Fuse into the best answer · from A: litellm / gpt-4o-mini, B: groq / llama');
  });

  it('names the sources as the workspace names their panes when told how', () => {
    const source = { label: 'A', paneId: 'p1', messageId: 'm1', providerId: 'x', modelId: 'y' };
    expect(describeFuseRequest({ template: 'summarize', sources: [source] }, () => 'Model C')).toBe(
      'Summarize · from A: Model C',
    );
  });

  it('is the template alone without sources', () => {
    expect(describeFuseRequest({ template: 'critique', sources: [] })).toBe('Critique each');
  });
});

describe('over budget', () => {
  const forecast = {
    models: [],
    total: { inputTokens: 10, minCostUsd: 0.001, maxCostUsd: 0.0245, unknownPrices: 0 },
    budgets: [
      { scope: 'session', limitUsd: 0.01, spentUsd: 0.006, remainingUsd: 0.004, exceeded: true },
      { scope: 'monthly', limitUsd: 5, spentUsd: 1, remainingUsd: 4, exceeded: false },
    ],
    overBudget: true,
  } satisfies Forecast;

  it('reads the forecast from a CONFLICT refusal, and nothing from other errors', () => {
    expect(overBudgetForecast({ data: { code: 'CONFLICT', overBudget: { forecast } } })).toBe(
      forecast,
    );
    expect(overBudgetForecast({ data: { code: 'CONFLICT', overBudget: null } })).toBeNull();
    expect(overBudgetForecast(new Error('socket closed'))).toBeNull();
    expect(overBudgetForecast(null)).toBeNull();
  });

  it('says the worst case and only the budgets it crosses', () => {
    expect(overBudgetText(forecast, formatUsd)).toBe(
      'This fusion could cost up to $0.0245, over the session’s budget of $0.01 ($0.004 left).',
    );
  });
});

describe('describeFuseError', () => {
  it('says which budget is spent instead of "still answering"', () => {
    const spent = describeFuseError({
      message: 'The session’s budget of $0.01 is spent.',
      data: { code: 'CONFLICT', suggestion: 'Raise or clear it with sessions.setBudget.' },
    });
    expect(spent.message).toBe('The session’s budget of $0.01 is spent.');
    expect(spent.hint).not.toContain('sessions.');
    const busy = describeFuseError({
      message: 'Pane p1 is still answering.',
      data: { code: 'CONFLICT' },
    });
    expect(busy.message).toBe('This pane is still answering.');
  });
});

describe('remember', () => {
  const view = {
    id: 'critique' as const,
    label: 'Critique each',
    instruction: 'Critique each answer below in turn.',
    defaultInstruction: 'Critique each answer below in turn.',
    remembered: false,
  };

  it('keeps an edited instruction, and forgets it when the default is sent back', () => {
    const edited = remember(view, 'One sentence each.');
    expect(edited).toMatchObject({ instruction: 'One sentence each.', remembered: true });
    expect(remember(edited, view.defaultInstruction)).toEqual(view);
  });
});
