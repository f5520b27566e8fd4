export { createDb, type CreateDbOptions } from './create-db';
export {
  DEFAULT_DATABASE_URL,
  describeDatabaseUrl,
  parseDatabaseUrl,
  type DatabaseTarget,
} from './database-url';
export type {
  BroadcastKind,
  BroadcastLaunch,
  BroadcastRecord,
  BroadcastsRepository,
  Db,
  DbLogger,
  FinishedAnswer,
  InstanceRecord,
  InstancesRepository,
  InterruptedAnswer,
  MessagesRepository,
  MetricsRepository,
  NewMessage,
  NewPane,
  PanesRepository,
  Provider,
  ProviderUsage,
  SessionsPage,
  SessionsRepository,
  StreamingAnswer,
  WriteStats,
} from './db';
export { migrateDatabase, type MigrateOptions, type MigrateResult } from './migrate';
export { findMigrationsDir } from './migrations-dir';
export { isDatabaseUnavailable } from './database-unavailable';
export { MessageGoneError } from './message-gone';
