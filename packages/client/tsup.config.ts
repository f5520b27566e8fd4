import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { rollup, type Plugin } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import { defineConfig } from 'tsup';

import pkg from './package.json' with { type: 'json' };

const entry = { index: 'src/index.ts', node: 'src/node.ts' };

// The workspace packages whose types the client re-exports (AppRouter, the contracts). They are
// private, so their declarations are inlined into ours; every other import in the output must be
// one of the client's own dependencies (the pack test checks both).
const inlined = Object.keys(pkg.devDependencies).filter((name) => name.startsWith('@mlb/'));

/**
 * rollup-plugin-dts flattens `export type * from '@mlb/contracts'` into plain `export { … }`, so
 * the contracts' zod schemas and LIMITS would look like runtime exports the JavaScript does not
 * have (Swatinem/rollup-plugin-dts#354). Every exported name the built entry does not export at
 * run time is made type-only again, which is what the source says.
 */
function typeOnlyUnlessRuntime(runtimeExports: Record<string, Set<string>>): Plugin {
  return {
    name: 'type-only-unless-runtime',
    renderChunk(code, chunk) {
      const runtime = runtimeExports[chunk.name];
      if (!runtime) return null;
      return code.replace(
        /^export \{([^}]*)\}( from '[^']+')?;$/gm,
        (_statement, list: string, from = '') => {
          const specifiers = list.split(',').map((s) => s.trim());
          const exportedName = (s: string) => s.split(/\s+as\s+/).pop()!;
          const values = specifiers.filter((s) => runtime.has(exportedName(s)));
          const types = specifiers.filter((s) => !runtime.has(exportedName(s)));
          return [
            values.length ? `export { ${values.join(', ')} }${from};` : '',
            types.length ? `export type { ${types.join(', ')} }${from};` : '',
          ]
            .filter(Boolean)
            .join('\n');
        },
      );
    },
  };
}

/** One declaration file per entry, with the router's and the contracts' types inlined. */
async function bundleDeclarations(): Promise<void> {
  const runtimeExports: Record<string, Set<string>> = {};
  for (const name of Object.keys(entry)) {
    const module = (await import(pathToFileURL(resolve('dist', `${name}.js`)).href)) as object;
    runtimeExports[name] = new Set(Object.keys(module));
  }
  const bundle = await rollup({
    input: entry,
    plugins: [
      dts({
        includeExternal: inlined,
        tsconfig: 'tsconfig.json',
        // The plugin preserves symlinks by default; pnpm links workspace packages, and their
        // own dependencies are only nameable through the real paths.
        compilerOptions: { preserveSymlinks: false },
      }),
      typeOnlyUnlessRuntime(runtimeExports),
    ],
    onwarn(warning, warn) {
      // The contracts' schemas and types import each other; harmless in declarations.
      if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  await bundle.write({ dir: 'dist', format: 'es', entryFileNames: '[name].d.ts' });
  await bundle.close();
}

// ESM for any modern runtime or bundler; `ws` and the tRPC packages stay external (dependencies).
export default defineConfig({
  entry,
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  clean: true,
  dts: false,
  onSuccess: bundleDeclarations,
});
