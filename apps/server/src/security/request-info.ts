import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** What a guard needs to know about a request, with X-Forwarded-* believed only from trusted proxies. */
export interface RequestInfo {
  /** The client's address: the peer, or the one a trusted proxy forwarded for. */
  clientAddress: (req: IncomingMessage) => string;
  /** The host the client asked for (`host[:port]`, lower case): X-Forwarded-Host from a trusted proxy, else Host. */
  requestedHost: (req: IncomingMessage) => string | null;
  /** Whether the client used HTTPS (directly, or to a trusted proxy that says so). */
  isSecure: (req: IncomingMessage) => boolean;
  /** Whether the peer is one of TRUSTED_PROXIES. */
  fromTrustedProxy: (req: IncomingMessage) => boolean;
}

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) is shown and compared as `127.0.0.1`. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}

export function createRequestInfo(trustedProxies: readonly string[]): RequestInfo {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(prefix), family);
  }
  const isTrusted = (address: string) =>
    trustedProxies.length > 0 &&
    isIP(address) !== 0 &&
    trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  const peer = (req: IncomingMessage) => normalizeAddress(req.socket.remoteAddress ?? '');
  const fromTrustedProxy = (req: IncomingMessage) => isTrusted(peer(req));

  return {
    fromTrustedProxy,
    clientAddress(req) {
      const address = peer(req);
      if (!isTrusted(address)) return address;
      // X-Forwarded-For lists every hop, the nearest last: the client is the last one not ours.
      const hops = String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((hop) => normalizeAddress(hop.trim()))
        .filter((hop) => hop !== '');
      for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(hops[i]!)) return hops[i]!;
      return hops[0] ?? address;
    },
    requestedHost(req) {
      const forwarded = fromTrustedProxy(req) ? firstHeader(req, 'x-forwarded-host') : undefined;
      const host = forwarded ?? req.headers.host;
      return host ? host.toLowerCase() : null;
    },
    isSecure(req) {
      if ((req.socket as Partial<TLSSocket>).encrypted) return true;
      return fromTrustedProxy(req) && firstHeader(req, 'x-forwarded-proto') === 'https';
    },
  };
}
