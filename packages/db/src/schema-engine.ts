import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

// @types/node 20 does not declare the WebAssembly global; this is the slice used here.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
}

type Engine = Awaited<ReturnType<typeof bindings.SchemaEngine.new>>;
let loaded = false;

/**
 * Prisma's schema engine as WebAssembly, instantiated by hand so no Node flag
 * (--experimental-wasm-modules) and no downloaded binary is needed.
 */
function loadWasm(): void {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  // The .wasm is not in the package's exports map: find it beside the entry point.
  const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const instance = new wasm.Instance(new wasm.Module(readFileSync(wasmPath)), { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  loaded = true;
}

export async function openSchemaEngine(schema: { path: string; content: string }, factory: SqlMigrationAwareDriverAdapterFactory): Promise<Engine> {
  loadWasm();
  return bindings.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => undefined, bindMigrationAwareSqlAdapterFactory(factory));
}

/** SQL that takes a database from one datamodel to another (both given as schema text); no database needed. */
export async function diffDatamodels(engine: Engine, from: string | null, to: string): Promise<string> {
  const result = await engine.diff({
    from: from === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: 'from.prisma', content: from }] },
    to: { tag: 'schemaDatamodel', files: [{ path: 'to.prisma', content: to }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? '';
}
