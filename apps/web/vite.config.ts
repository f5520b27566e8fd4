import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.BROADCAST_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // The proxy keeps the browser's Host header, so the server sees the dev page as same-origin.
    proxy: {
      '/trpc': { target: server, ws: true },
      '/health': server,
      '/sign-in': server,
      '/sign-out': server,
      '/auth': server,
    },
  },
  build: { outDir: 'dist', sourcemap: true },
});
