import { describe, expect, it } from 'vitest';

import { sessionBudgetInput } from './budget';
import { fuseCreateInput } from './fuse';
import { LIMITS } from './limits';
import { sessionImportInput } from './session-export';
import { voteCastInput } from './votes';

const messages = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('inputs for comparing and deciding', () => {
  it('asks for an instruction only for a custom fusion', () => {
    const base = { sessionId: 's', providerId: 'demo', modelId: 'demo-fast' };
    expect(fuseCreateInput.safeParse({ ...base, template: 'fuse' }).success).toBe(true);
    expect(messages(fuseCreateInput.safeParse({ ...base, template: 'custom' }))).toEqual([
      'instruction: A custom fusion needs an instruction; type one or pick a template.',
    ]);
  });

  it('takes each pane once in a vote, and at least two for a ranking or a tie', () => {
    const base = { sessionId: 's', broadcastId: 'b' };
    expect(voteCastInput.safeParse({ ...base, kind: 'best', paneIds: ['a'] }).success).toBe(true);
    expect(messages(voteCastInput.safeParse({ ...base, kind: 'tie', paneIds: ['a'] }))).toEqual([
      'paneIds: A ranking or a tie compares at least two panes.',
    ]);
    expect(
      messages(voteCastInput.safeParse({ ...base, kind: 'ranking', paneIds: ['a', 'a'] })),
    ).toEqual(['paneIds: Each pane may appear once in a vote.']);
  });

  it('takes a positive budget or null, and explains anything else', () => {
    expect(sessionBudgetInput.safeParse({ sessionId: 's', budgetUsd: null }).success).toBe(true);
    expect(messages(sessionBudgetInput.safeParse({ sessionId: 's', budgetUsd: 0 }))).toEqual([
      'budgetUsd: A budget is more than $0; clear it (null) for no limit.',
    ]);
  });

  it('limits the size of an import and says what to do', () => {
    expect(
      messages(sessionImportInput.safeParse({ json: 'x'.repeat(LIMITS.importMaxChars + 1) })),
    ).toEqual([
      `json: A session export is at most ${LIMITS.importMaxChars.toLocaleString('en')} characters; export a shorter session or fork its panes.`,
    ]);
  });
});
