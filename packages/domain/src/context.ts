import type { Db } from '@mlb/db';
import type { Logger } from '@mlb/logger';
import type { ProviderRegistry } from '@mlb/providers';

import type { SpendTracker } from './budget/spend-tracker';
import type { ControlBus } from './cluster/control-bus';
import type { EventLog } from './event-log/event-log';
import type { FinalSaves } from './persistence/final-saves';
import type { RunManager } from './run-manager';
import type { SessionLocks } from './session-locks';
import type { StatsCollector } from './stats-collector';

/** What every service shares: one instance of each per process. */
export interface DomainContext {
  /** This process, as the answers it streams name their owner. */
  instanceId: string;
  finalSaves: FinalSaves;
  /** Reaches the instance that runs an answer (stop, delete). */
  bus: ControlBus;
  db: Db;
  registry: ProviderRegistry;
  hub: EventLog;
  runs: RunManager;
  locks: SessionLocks;
  stats: StatsCollector;
  logger: Logger;
  /** Where every budget stands while answers stream. */
  spend: SpendTracker;
}
