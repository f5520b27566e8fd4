// Type tests, checked by `tsc` (the package's typecheck): the port must not drift from the domain.
import { expectTypeOf } from 'vitest';

import type { RuntimeStats } from '@mlb/contracts';
import type { Workspace } from '@mlb/domain';

import type { WorkspacePort } from './context';
import type { RouterOutputs } from './root';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

// The server hands the domain's workspace to the context as is.
expectTypeOf<Workspace>().toExtend<WorkspacePort>();

// Every procedure's output is what the domain returns, so typing the context by the port changed
// none of them for clients.
expectTypeOf<RouterOutputs['health']>().toEqualTypeOf<Result<Workspace['health']>>();
expectTypeOf<RouterOutputs['broadcast']['create']>().toEqualTypeOf<
  Result<Workspace['broadcast']>
>();
expectTypeOf<RouterOutputs['panes']['sendTo']>().toEqualTypeOf<Result<Workspace['sendTo']>>();
expectTypeOf<RouterOutputs['panes']['stop']>().toEqualTypeOf<Result<Workspace['stop']>>();
expectTypeOf<RouterOutputs['panes']['retry']>().toEqualTypeOf<Result<Workspace['retry']>>();
expectTypeOf<RouterOutputs['summarize']['create']>().toEqualTypeOf<
  Result<Workspace['summarize']>
>();
expectTypeOf<RouterOutputs['sessions']['list']>().toEqualTypeOf<
  Result<Workspace['sessions']['list']>
>();
expectTypeOf<RouterOutputs['sessions']['get']>().toEqualTypeOf<
  Result<Workspace['sessions']['get']>
>();
expectTypeOf<RouterOutputs['sessions']['rename']>().toEqualTypeOf<
  Result<Workspace['sessions']['rename']>
>();
expectTypeOf<RouterOutputs['sessions']['delete']>().toEqualTypeOf<
  Result<Workspace['sessions']['delete']>
>();
expectTypeOf<RouterOutputs['panes']['prompt']>().toEqualTypeOf<Result<Workspace['promptPane']>>();
expectTypeOf<RouterOutputs['compare']['get']>().toEqualTypeOf<Result<Workspace['compare']>>();
expectTypeOf<RouterOutputs['fuse']['create']>().toEqualTypeOf<
  Result<Workspace['fuse']['create']>
>();
expectTypeOf<RouterOutputs['fuse']['templates']>().toEqualTypeOf<
  Result<Workspace['fuse']['templates']>
>();
expectTypeOf<RouterOutputs['votes']['cast']>().toEqualTypeOf<Result<Workspace['votes']['cast']>>();
expectTypeOf<RouterOutputs['votes']['forBroadcast']>().toEqualTypeOf<
  Result<Workspace['votes']['forBroadcast']>
>();
expectTypeOf<RouterOutputs['leaderboard']['get']>().toEqualTypeOf<
  Result<Workspace['leaderboard']>
>();
// (Mutual assignability: the router's JSON type flattens what the domain's type spells out.)
expectTypeOf<RouterOutputs['forecast']['get']>().toExtend<Result<Workspace['forecast']>>();
expectTypeOf<Result<Workspace['forecast']>>().toExtend<RouterOutputs['forecast']['get']>();
expectTypeOf<RouterOutputs['budgets']['get']>().toEqualTypeOf<
  Result<Workspace['budgets']['get']>
>();
expectTypeOf<RouterOutputs['budgets']['setMonthly']>().toEqualTypeOf<
  Result<Workspace['budgets']['setMonthly']>
>();
expectTypeOf<RouterOutputs['sessions']['setBudget']>().toEqualTypeOf<
  Result<Workspace['sessions']['setBudget']>
>();
expectTypeOf<RouterOutputs['sessions']['fork']>().toEqualTypeOf<
  Result<Workspace['sessions']['fork']>
>();
expectTypeOf<RouterOutputs['sessions']['export']>().toEqualTypeOf<
  Result<Workspace['sessions']['export']>
>();
expectTypeOf<RouterOutputs['sessions']['import']>().toEqualTypeOf<
  Result<Workspace['sessions']['import']>
>();
expectTypeOf<RouterOutputs['models']['list']>().toEqualTypeOf<Result<Workspace['models']>>();
expectTypeOf<RouterOutputs['providers']['health']>().toEqualTypeOf<
  Result<Workspace['providersHealth']>
>();
// stats.get adds what the server process measures to the workspace's own figures.
// (Mutual assignability: the intersection and the router's flattened JSON type are the same type.)
expectTypeOf<RouterOutputs['stats']['get']>().toExtend<Result<Workspace['stats']> & RuntimeStats>();
expectTypeOf<Result<Workspace['stats']> & RuntimeStats>().toExtend<RouterOutputs['stats']['get']>();

// Subscriptions: the port yields exactly the domain's tracked events.
type Yielded<I> = I extends AsyncIterable<infer T> ? T : never;
expectTypeOf<Yielded<ReturnType<WorkspacePort['sessions']['events']>>>().toEqualTypeOf<
  Yielded<ReturnType<Workspace['sessions']['events']>>
>();
