import { defineConfig } from 'tsup';

// One ESM bundle of the workspace's own TypeScript packages (@mlb/*). npm packages stay external:
// they include native and WebAssembly modules, so the server lists them as its dependencies.
export default defineConfig({
  entry: { main: 'src/main.ts', index: 'src/index.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  splitting: true,
  noExternal: [/^@mlb\//],
  external: [/^(?!@mlb\/)(@[^/]+\/)?[^./][^/]*/],
});
