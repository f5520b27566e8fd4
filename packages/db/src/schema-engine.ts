import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';

// @types/node 20 does not declare the WebAssembly global; this is the slice used here.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, object>,
  ) => { exports: Record<string, unknown> };
}

export type SchemaEngine = Awaited<ReturnType<typeof bindings.SchemaEngine.new>>;

let loaded = false;

/**
 * Prisma's schema engine ships as WebAssembly whose ESM entry imports the .wasm directly, which
 * Node 20 only allows behind --experimental-wasm-modules. Instantiating it here from the
 * generated JS bindings needs no flag and no downloaded engine binary.
 */
function loadWasm(): void {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  // The .wasm is not in the package's exports map: it sits beside the entry point.
  const wasmPath = join(
    dirname(require.resolve('@prisma/schema-engine-wasm')),
    'schema_engine_bg.wasm',
  );
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const instance = new wasm.Instance(new wasm.Module(readFileSync(wasmPath)), {
    './schema_engine_bg.js': bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  loaded = true;
}

export async function openSchemaEngine(
  schema: { path: string; content: string },
  factory: SqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngine> {
  loadWasm();
  return bindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

/** The SQL that takes a database from one datamodel (null = empty database) to another; reads no database. */
export async function diffDatamodels(
  engine: SchemaEngine,
  from: string | null,
  to: string,
): Promise<string> {
  const result = await engine.diff({
    from:
      from === null
        ? { tag: 'empty' }
        : { tag: 'schemaDatamodel', files: [{ path: 'from.prisma', content: from }] },
    to: { tag: 'schemaDatamodel', files: [{ path: 'to.prisma', content: to }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? '';
}

/** The SQL that takes the engine's connected database to the datamodel; empty when they agree. */
export async function diffDatabaseToDatamodel(
  engine: SchemaEngine,
  schema: string,
): Promise<string> {
  const files = [{ path: 'schema.prisma', content: schema }];
  const result = await engine.diff({
    from: { tag: 'schemaDatasource', configDir: process.cwd(), files },
    to: { tag: 'schemaDatamodel', files },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? '';
}

/** Prisma writes a comment, not nothing, when two schemas agree. */
export const isEmptyMigration = (sql: string): boolean =>
  sql.replace(/--[^\n]*/g, '').trim() === '';

/** One provider's migrations folder in the shape the engine takes (it reads no files itself). */
export function migrationList(providerDir: string): MigrationList {
  const lockPath = join(providerDir, 'migration_lock.toml');
  return {
    baseDir: providerDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: readdirSync(providerDir, { withFileTypes: true })
      .filter(
        (entry) =>
          entry.isDirectory() && existsSync(join(providerDir, entry.name, 'migration.sql')),
      )
      .map((entry) => entry.name)
      .sort()
      .map((name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: {
            tag: 'ok',
            value: readFileSync(join(providerDir, name, 'migration.sql'), 'utf8'),
          },
        },
      })),
  };
}
