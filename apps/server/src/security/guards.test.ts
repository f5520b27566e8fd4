import type { IncomingMessage } from 'node:http';

import { describe, expect, it } from 'vitest';

import { createHostGuard, hostnameOf } from './host';
import { createOriginGuard } from './origin';
import { createRequestInfo } from './request-info';
import { safeNext } from './sign-in-page';

const req = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('host guard', () => {
  const guard = createHostGuard({
    info: createRequestInfo([]),
    configuredHost: 'workspace.lan',
    allowedHosts: ['broadcast.example.com'],
  });
  it('allows localhost, IP addresses, HOST and ALLOWED_HOSTS, with or without a port', () => {
    for (const host of [
      'localhost:8080',
      '127.0.0.1',
      '[::1]:8080',
      '192.168.1.20:8080',
      'workspace.lan:8080',
      'broadcast.example.com',
    ])
      expect(guard(req({ host })), host).toBeNull();
  });
  it('refuses other names (DNS rebinding) and a missing Host', () => {
    expect(guard(req({ host: 'attacker.example:8080' }))?.status).toBe(421);
    expect(guard(req({ host: 'localhost.attacker.example' }))?.status).toBe(421);
    expect(guard(req({}))?.status).toBe(421);
  });
  it('reads the host a trusted proxy forwards, and only then', () => {
    const behindProxy = createHostGuard({
      info: createRequestInfo(['10.0.0.0/8']),
      configuredHost: '0.0.0.0',
      allowedHosts: [],
    });
    expect(
      behindProxy(req({ host: 'localhost', 'x-forwarded-host': 'evil.example' }, '10.1.1.1'))
        ?.status,
    ).toBe(421);
    expect(
      behindProxy(req({ host: 'evil.example', 'x-forwarded-host': 'localhost' }, '10.1.1.1')),
    ).toBeNull();
    expect(
      behindProxy(req({ host: 'localhost', 'x-forwarded-host': 'evil.example' }, '192.0.2.1')),
    ).toBeNull();
  });
  it('splits ports and brackets off', () => {
    expect(hostnameOf('[::1]:80')).toBe('::1');
    expect(hostnameOf('Example.COM:443')).toBe('example.com');
  });
});

describe('origin guard', () => {
  const guard = createOriginGuard({
    info: createRequestInfo([]),
    allowedOrigins: ['https://ok.example'],
    ownPort: () => 8080,
  });
  it('allows the page’s own origin, loopback names of its port, ALLOWED_ORIGINS and no Origin', () => {
    expect(
      guard(req({ host: 'broadcast.lan:8080', origin: 'http://broadcast.lan:8080' })),
    ).toBeNull();
    expect(
      guard(req({ host: 'broadcast.example.com', origin: 'https://broadcast.example.com' })),
    ).toBeNull();
    expect(guard(req({ host: '127.0.0.1:8080', origin: 'http://localhost:8080' }))).toBeNull();
    expect(guard(req({ host: '127.0.0.1:8080', origin: 'https://ok.example' }))).toBeNull();
    expect(guard(req({ host: '127.0.0.1:8080' }))).toBeNull();
    expect(guard(req({ host: '127.0.0.1:8080', 'sec-fetch-site': 'same-origin' }))).toBeNull();
    // Our own form posts under Referrer-Policy: no-referrer.
    expect(
      guard(req({ host: 'localhost:8080', origin: 'null', 'sec-fetch-site': 'same-origin' })),
    ).toBeNull();
  });
  it('refuses other origins, other ports of the same name, and cross-site requests without Origin', () => {
    expect(guard(req({ host: '127.0.0.1:8080', origin: 'http://localhost:3000' }))?.status).toBe(
      403,
    );
    expect(guard(req({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8081' }))?.status).toBe(
      403,
    );
    expect(guard(req({ host: 'localhost:8080', origin: 'null' }))?.status).toBe(403);
    expect(
      guard(req({ host: 'localhost:8080', origin: 'null', 'sec-fetch-site': 'cross-site' }))
        ?.status,
    ).toBe(403);
    expect(guard(req({ host: '127.0.0.1:8080', 'sec-fetch-site': 'cross-site' }))?.status).toBe(
      403,
    );
    expect(guard(req({ host: 'localhost:8080', 'sec-fetch-site': 'same-site' }))?.status).toBe(403);
  });
});

describe('request info behind proxies', () => {
  it('believes X-Forwarded-For only from trusted proxies, taking the last hop not trusted', () => {
    const info = createRequestInfo(['10.0.0.0/8']);
    expect(info.clientAddress(req({ 'x-forwarded-for': '1.2.3.4' }, '192.0.2.7'))).toBe(
      '192.0.2.7',
    );
    expect(
      info.clientAddress(req({ 'x-forwarded-for': 'spoofed, 1.2.3.4, 10.0.0.2' }, '10.0.0.1')),
    ).toBe('1.2.3.4');
    expect(info.clientAddress(req({}, '::ffff:192.0.2.7'))).toBe('192.0.2.7');
  });
});

describe('safeNext', () => {
  it('keeps paths on this workspace and nothing else', () => {
    expect(safeNext('/s/abc?x=1')).toBe('/s/abc?x=1');
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
    ])
      expect(safeNext(next)).toBe('/');
  });
});
