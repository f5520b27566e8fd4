import { hostnameOf } from './host';
import type { Refusal, RequestGuard } from './refusal';
import type { RequestInfo } from './request-info';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

function portOf(host: string): string | null {
  return /:(\d+)$/.exec(host.replace(/^\[[^\]]+\]/, ''))?.[1] ?? null;
}

/**
 * Refuses browser requests made by pages of other origins. A page's own origin is allowed (the
 * Origin names the host the request was sent to, so it is our page, or the Vite dev server whose
 * proxy keeps the browser's Host), as are the loopback names of the workspace's own port and
 * ALLOWED_ORIGINS. The scheme is not compared: a TLS-terminating proxy turns https into http.
 * Requests without Origin are not from a page's script (the typed client in Node, curl), unless
 * the browser says it fetched them for another site (Sec-Fetch-Site), e.g. an <img> or <script>.
 * The origin guard trusts the Host: run the host guard first.
 */
export function createOriginGuard(options: {
  info: RequestInfo;
  allowedOrigins: readonly string[];
  /** The port the workspace listens on (known once it listens). */
  ownPort: () => number;
}): RequestGuard {
  const allowed = new Set(options.allowedOrigins);
  const refuse = (what: string, hint: string): Refusal => ({
    status: 403,
    code: 'FORBIDDEN',
    message: `${what} may not use this workspace. ${hint}`,
  });
  return (req) => {
    const origin = req.headers.origin;
    if (origin === undefined) {
      const site = req.headers['sec-fetch-site'];
      return site === 'cross-site' || site === 'same-site'
        ? refuse('A page of another site', 'Open the workspace at its own address.')
        : null;
    }
    // A form posted from a page with `Referrer-Policy: no-referrer` (ours) says `Origin: null`;
    // the browser's own Sec-Fetch-Site, which no script can set, tells whether it is ours.
    if (origin === 'null')
      return req.headers['sec-fetch-site'] === 'same-origin'
        ? null
        : refuse('A page of an unknown origin', 'Open the workspace at its own address.');
    if (allowed.has(origin)) return null;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return refuse(`Origin "${origin}"`, 'Open the workspace at its own address.');
    }
    const defaultPort = url.protocol === 'https:' ? '443' : '80';
    const originName = hostnameOf(url.host);
    const originPort = url.port || defaultPort;
    const requested = options.info.requestedHost(req);
    if (requested !== null) {
      const requestedName = hostnameOf(requested);
      if (requestedName === originName && (portOf(requested) ?? defaultPort) === originPort)
        return null;
      if (
        LOOPBACK_NAMES.has(originName) &&
        LOOPBACK_NAMES.has(requestedName) &&
        originPort === String(options.ownPort())
      )
        return null;
    }
    return refuse(
      `A page of ${origin}`,
      `Open the workspace at its own address, or add ${origin} to ALLOWED_ORIGINS if that page may use it.`,
    );
  };
}
