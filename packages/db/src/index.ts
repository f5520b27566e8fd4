export { createDb, type CreateDbOptions } from './create-db';
export {
  DEFAULT_DATABASE_URL,
  describeDatabaseUrl,
  parseDatabaseUrl,
  type DatabaseTarget,
} from './database-url';
export type {
  BroadcastInfo,
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
  NewVote,
  PanesRepository,
  Provider,
  ProviderUsage,
  SessionCopy,
  SessionLatestAnswers,
  SessionsPage,
  SessionsRepository,
  StreamingAnswer,
  SettingsRepository,
  VotesRepository,
  WriteStats,
} from './db';
export { migrateDatabase, type MigrateOptions, type MigrateResult } from './migrate';
export { findMigrationsDir } from './migrations-dir';
export { isDatabaseUnavailable } from './database-unavailable';
export { MessageGoneError } from './message-gone';
