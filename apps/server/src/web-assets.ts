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

/** A browser asking for a page (not a script fetching data). */
export const acceptsHtml = (req: IncomingMessage): boolean =>
  req.headers['sec-fetch-mode'] === 'navigate' || /text\/html/.test(req.headers.accept ?? '');

/**
 * GET and HEAD only: the built files, with long caching for hashed assets, and index.html for
 * other paths (session URLs) only when a page is asked for: a script or an API client asking
 * for a path that is not there gets `notFound`, never the web app with status 200.
 */
export function createWebHandler(distDir: string | null, notFound: Handler): Handler {
  if (!distDir) {
    return (req, res) => {
      if (!acceptsHtml(req)) return notFound(req, res);
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        'The web app is not built. Run `pnpm build` (or `npm run quickstart`) and start the server again.\n',
      );
    };
  }
  const options = {
    etag: true,
    gzip: false,
    setHeaders(res: ServerResponse, pathname: string) {
      res.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  };
  const files = sirv(distDir, { ...options, single: false });
  const page = sirv(distDir, { ...options, single: true });
  return (req, res) =>
    files(req, res, () => {
      if (!acceptsHtml(req)) return notFound(req, res);
      page(req, res, () => notFound(req, res));
    });
}
