import type { ServerEnv } from '../env';
import { createAuth, type Auth } from './auth';
import { createBodyLimitGuard } from './body-limit';
import { createFailedSignIns } from './failed-sign-ins';
import { createHostGuard } from './host';
import { createOriginGuard } from './origin';
import type { RequestGuard } from './refusal';
import { createRequestInfo, type RequestInfo } from './request-info';
import { createSessionCookies } from './session-cookie';
import { createSignInRoutes } from './sign-in-routes';
import { createConnectionCounter } from './ws-limits';

export {
  firstRefusal,
  refuseHttp,
  refuseUpgrade,
  type Refusal,
  type RequestGuard,
} from './refusal';
export { readBody, BodyTooLargeError, discardThenClose } from './body-limit';
export { setSecurityHeaders } from './headers';
export { maxMessageBytes } from './input-size';
export { createCallLimits, type CallMessage } from './ws-limits';
export { SIGN_IN_PATHS } from './sign-in-routes';

/** Failed sign-ins allowed per client address per minute. */
const SIGN_IN_FAILURES_PER_MINUTE = 5;

/**
 * Every request guard of the workspace, built once from the configuration. Routes run the ones
 * they need, in this order: host, body size, auth, origin (see create-server.ts).
 */
export interface Security {
  info: RequestInfo;
  /** The Host must name this workspace (DNS rebinding). */
  host: RequestGuard;
  /** Browser requests only from the workspace's own pages or ALLOWED_ORIGINS. */
  origin: RequestGuard;
  /** A declared body over the largest valid input is refused before it is read. */
  bodySize: RequestGuard;
  /** The most a body may hold (read bodies with readBody and this limit). */
  maxBodyBytes: number;
  auth: Auth;
  /** WebSocket connections per client address. */
  connections: ReturnType<typeof createConnectionCounter>;
  signInRoutes: ReturnType<typeof createSignInRoutes>;
}

export function createSecurity(
  cfg: ServerEnv['server'],
  options: { maxBodyBytes: number; ownPort: () => number },
): Security {
  const info = createRequestInfo(cfg.TRUSTED_PROXIES);
  const cookies = cfg.ACCESS_TOKEN ? createSessionCookies(cfg.ACCESS_TOKEN) : null;
  const auth = createAuth({
    accessToken: cfg.ACCESS_TOKEN,
    proxyAuthHeader: cfg.TRUSTED_PROXY_AUTH_HEADER,
    info,
    cookies,
    failedSignIns: createFailedSignIns({
      maxFailures: SIGN_IN_FAILURES_PER_MINUTE,
      windowMs: 60_000,
    }),
  });
  const origin = createOriginGuard({
    info,
    allowedOrigins: cfg.ALLOWED_ORIGINS,
    ownPort: options.ownPort,
  });
  return {
    info,
    host: createHostGuard({ info, configuredHost: cfg.HOST, allowedHosts: cfg.ALLOWED_HOSTS }),
    origin,
    bodySize: createBodyLimitGuard(options.maxBodyBytes),
    maxBodyBytes: options.maxBodyBytes,
    auth,
    connections: createConnectionCounter(cfg.LIMIT_CONNECTIONS_PER_ADDRESS),
    signInRoutes: createSignInRoutes({ auth, cookies, info, originGuard: origin }),
  };
}
