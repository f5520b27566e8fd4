import { isIP } from 'node:net';

import type { RequestGuard } from './refusal';
import type { RequestInfo } from './request-info';

/** `example.com:8080` → `example.com`; `[::1]:8080` → `::1`. */
export function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return host.replace(/:\d+$/, '').toLowerCase();
}

/**
 * Refuses requests whose Host names a host this workspace is not known by: DNS rebinding points
 * an attacker's name at 127.0.0.1, so the browser sends `Host: attacker.example`. IP addresses are
 * allowed as they are: rebinding needs a name the attacker controls, and HOST=0.0.0.0 is then
 * reachable by the machine's addresses without listing them.
 */
export function createHostGuard(options: {
  info: RequestInfo;
  configuredHost: string;
  allowedHosts: readonly string[];
}): RequestGuard {
  const allowed = new Set([
    'localhost',
    hostnameOf(options.configuredHost),
    ...options.allowedHosts,
  ]);
  return (req) => {
    const host = options.info.requestedHost(req);
    if (host !== null) {
      const name = hostnameOf(host);
      if (allowed.has(name) || isIP(name) !== 0) return null;
    }
    return {
      status: 421,
      code: 'FORBIDDEN',
      message: host
        ? `This workspace is not served as "${host}". If that is its address, add ${hostnameOf(host)} to ALLOWED_HOSTS and restart it.`
        : 'A Host header is required.',
    };
  };
}
