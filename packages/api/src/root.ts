import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

import { broadcastRouter } from './routers/broadcast';
import { budgetsRouter, forecastRouter } from './routers/budgets';
import { compareRouter } from './routers/compare';
import { fuseRouter } from './routers/fuse';
import { panesRouter } from './routers/panes';
import { sessionsRouter } from './routers/sessions';
import { summarizeRouter } from './routers/summarize';
import { modelsRouter, providersRouter, statsRouter } from './routers/system';
import { leaderboardRouter, votesRouter } from './routers/votes';
import { publicProcedure, router } from './trpc';

export const appRouter = router({
  health: publicProcedure.query(({ ctx }) => ctx.workspace.health()),
  broadcast: broadcastRouter,
  panes: panesRouter,
  summarize: summarizeRouter,
  fuse: fuseRouter,
  compare: compareRouter,
  votes: votesRouter,
  leaderboard: leaderboardRouter,
  forecast: forecastRouter,
  budgets: budgetsRouter,
  sessions: sessionsRouter,
  models: modelsRouter,
  providers: providersRouter,
  stats: statsRouter,
});

/** The public contract other TypeScript apps import (type only). */
export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
