import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.BROADCAST_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: server, ws: true },
      '/health': server,
    },
  },
  build: { outDir: 'dist', sourcemap: true },
});
