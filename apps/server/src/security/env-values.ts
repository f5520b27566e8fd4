import { isIP } from 'node:net';

import { z } from 'zod';

/** `http(s)://host[:port]` with nothing after it, normalized the way browsers send `Origin`. */
export const originValue = z.string().transform((text, ctx) => {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    ctx.addIssue({
      code: 'custom',
      message: `expected origins such as https://workspace.example.com or http://localhost:3000 (scheme, host and port; no path)`,
    });
    return z.NEVER;
  }
  return url.origin;
});

/** A host name or IP address as it appears in the Host header, without a port. */
export const hostValue = z
  .string()
  .transform((text) => text.toLowerCase().replace(/^\[(.*)\]$/, '$1'))
  .refine(
    (host) =>
      isIP(host) !== 0 ||
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host),
    { error: 'expected host names such as workspace.example.com (no scheme or port)' },
  );

/** An IP address or a CIDR range (10.0.0.0/8, fd00::/8). */
export const addressRangeValue = z.string().refine(
  (text) => {
    const [address = '', prefix, ...rest] = text.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
  },
  { error: 'expected IP addresses or CIDR ranges such as 10.0.0.5 or 10.0.0.0/8' },
);

/** An HTTP header name, lower-cased as Node exposes incoming headers. */
export const headerNameValue = z
  .string()
  .regex(/^[A-Za-z0-9-]+$/, 'expected a header name such as X-Forwarded-User')
  .transform((name) => name.toLowerCase());
