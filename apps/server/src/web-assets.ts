import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import sirv from 'sirv';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Where the built web app is: WEB_DIST_DIR, else apps/web/dist beside this server. */
export function findWebDist(override?: string): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = override
    ? [resolve(override)]
    : [resolve(here, '../../web/dist'), resolve(process.cwd(), 'apps/web/dist')];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
}

/** Static files with long caching for hashed assets and an SPA fallback for session URLs. */
export function createWebHandler(distDir: string | null): Handler {
  if (!distDir) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        'The web app is not built. Run `pnpm build` (or `npm run quickstart`) and start the server again.\n',
      );
    };
  }
  const serve = sirv(distDir, {
    single: true,
    etag: true,
    gzip: false,
    setHeaders(res, pathname) {
      res.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (req, res) =>
    serve(req, res, () => {
      res.writeHead(404).end();
    });
}
