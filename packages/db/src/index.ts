export { createDb, type CreateDbOptions, type Db, type DbLogger } from './create-db';
export { DEFAULT_DATABASE_URL, describeDatabaseUrl, parseDatabaseUrl, type DatabaseTarget } from './database-url';
export { migrateDatabase, type MigrateResult } from './migrate';
export { findMigrationsDir } from './migrations-dir';
export { derivePostgresSchema } from './derive-schema';
