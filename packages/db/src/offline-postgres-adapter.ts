import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';

/**
 * A PostgreSQL "connection" for the schema engine that answers only the version probe it sends on
 * start. Diffing one datamodel against another needs nothing else, so PostgreSQL migrations can be
 * authored with no server; any other query fails loudly, which proves nothing touched a database.
 */
export function offlinePostgresAdapterFactory(
  serverVersion = { text: 'PostgreSQL 16.0 (offline)', num: 160000 },
): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (sql: string): never => {
    throw new Error(`The offline PostgreSQL adapter cannot run: ${sql.slice(0, 120)}`);
  };
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: '@mlb/db-offline-postgres',
    queryRaw: async (query: SqlQuery): Promise<SqlResultSet> => {
      if (!/\bversion\(\)/.test(query.sql)) refuse(query.sql);
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, serverVersion.text, serverVersion.num]],
      };
    },
    executeRaw: async (query) => refuse(query.sql),
    executeScript: async (script) => refuse(script),
    startTransaction: async () => refuse('BEGIN'),
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: () => Promise.resolve(),
  };
  return {
    provider: 'postgres',
    adapterName: adapter.adapterName,
    connect: () => Promise.resolve(adapter),
    connectToShadowDb: () => Promise.resolve(adapter),
  };
}
