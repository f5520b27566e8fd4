import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The API reference page at /docs: Swagger UI from the swagger-ui-dist package, served from
 * node_modules (no CDN), reading /openapi.json. Its scripts and styles are files of this origin,
 * so the page runs under the same CSP as the web app (no inline script or style).
 */
export const API_REFERENCE_PATH = '/docs';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Broadcast Workspace</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

/** Started by the page itself: no validator or other remote service is called. */
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false,
});
`;

interface Asset {
  contentType: string;
  /** Read on first use, then kept (the bundle is 1.7 MB). */
  load: () => Buffer;
}

function swaggerUiDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}

const once = (read: () => Buffer) => {
  let data: Buffer | null = null;
  return () => (data ??= read());
};

export function createApiReference() {
  let dir: string | null = null;
  const file = (name: string) => once(() => readFileSync(join((dir ??= swaggerUiDir()), name)));
  const assets = new Map<string, Asset>([
    [
      API_REFERENCE_PATH,
      { contentType: 'text/html; charset=utf-8', load: () => Buffer.from(PAGE) },
    ],
    [
      '/docs/init.js',
      { contentType: 'text/javascript; charset=utf-8', load: () => Buffer.from(INIT) },
    ],
    [
      '/docs/swagger-ui.css',
      { contentType: 'text/css; charset=utf-8', load: file('swagger-ui.css') },
    ],
    [
      '/docs/swagger-ui-bundle.js',
      { contentType: 'text/javascript; charset=utf-8', load: file('swagger-ui-bundle.js') },
    ],
  ]);

  return {
    handles: (path: string) =>
      path === API_REFERENCE_PATH || path.startsWith(`${API_REFERENCE_PATH}/`),
    /** GET or HEAD of one of the page's files; anything else under /docs is not found. */
    serve(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      const asset = assets.get(path);
      if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
      const body = asset.load();
      res.writeHead(200, {
        'content-type': asset.contentType,
        'content-length': String(body.length),
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
