import { defineConfig } from 'tsup';

// The server's own code only. Its dependencies stay imports, the @mlb/* packages included: each
// is built to its own dist/ and resolves its npm dependencies from its own node_modules, so the
// server lists only what its source imports (decision record 0122).
export default defineConfig({
  entry: { main: 'src/main.ts', index: 'src/index.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  splitting: true,
  skipNodeModulesBundle: true,
});
