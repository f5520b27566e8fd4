import type {
  ForecastInput,
  FuseCreateInput,
  MonthlyBudgetInput,
  PanePromptInput,
  SessionBudgetInput,
  SessionExportInput,
  SessionForkInput,
  SessionImportInput,
  VoteCastInput,
} from '@mlb/contracts';

import { getMonthlyBudget, setMonthlyBudget, setSessionBudget } from './budget/budget-service';
import { getCompare } from './compare/compare-service';
import type { DomainContext } from './context';
import { promptPane } from './continue/pane-prompt';
import { exportSession, forkSession, importSession } from './export/export-service';
import { forecast } from './forecast/forecast-service';
import { fuse } from './fuse/fuse-service';
import { fuseTemplates } from './fuse/fuse-templates';
import { castVote, getLeaderboard, voteFor } from './votes/vote-service';

/**
 * What the workspace offers for going from comparing answers to deciding: the compare view,
 * fusions with citations, votes and the leaderboard, forecasts and budgets, one-pane prompts,
 * forks, export and import. Kept apart from createWorkspace so it reads as one feature.
 */
export function decideMethods(ctx: DomainContext) {
  return {
    compare: (sessionId: string) => getCompare(ctx, sessionId),
    fuse: {
      create: (input: FuseCreateInput) => fuse(ctx, input),
      templates: () => fuseTemplates(ctx),
    },
    votes: {
      cast: (input: VoteCastInput) => castVote(ctx, input),
      forBroadcast: (broadcastId: string) => voteFor(ctx, broadcastId),
    },
    leaderboard: () => getLeaderboard(ctx),
    forecast: (input: ForecastInput) => forecast(ctx, input),
    budgets: {
      get: () => getMonthlyBudget(ctx),
      setMonthly: (input: MonthlyBudgetInput) => setMonthlyBudget(ctx, input),
    },
    promptPane: (input: PanePromptInput) => promptPane(ctx, input),
  };
}

/** The sessions methods that go with them. */
export function decideSessionMethods(ctx: DomainContext) {
  return {
    setBudget: (input: SessionBudgetInput) => setSessionBudget(ctx, input),
    fork: (input: SessionForkInput) => forkSession(ctx, input),
    export: (input: SessionExportInput) => exportSession(ctx, input),
    import: (input: SessionImportInput) => importSession(ctx, input),
  };
}
