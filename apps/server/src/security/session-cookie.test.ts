import { describe, expect, it } from 'vitest';

import { createSessionCookies, SESSION_MAX_AGE_SECONDS } from './session-cookie';

describe('session cookies', () => {
  const at = (ms: number) => () => ms;

  it('verifies what it issued, until it expires', () => {
    const issued = createSessionCookies('token-token-token', at(1_000_000)).issue();
    expect(createSessionCookies('token-token-token', at(1_000_000)).verify(issued)).toBe(true);
    const later = 1_000_000 + SESSION_MAX_AGE_SECONDS * 1000;
    expect(createSessionCookies('token-token-token', at(later)).verify(issued)).toBe(false);
  });

  it('refuses an edited expiry, another token’s cookie and garbage', () => {
    const cookies = createSessionCookies('token-token-token', at(0));
    const [, expires, mac] = cookies.issue().split('.');
    expect(cookies.verify(`v1.${Number(expires) + 1}.${mac}`)).toBe(false);
    expect(cookies.verify(createSessionCookies('other-token-other', at(0)).issue())).toBe(false);
    for (const value of [undefined, '', 'v1', 'v1.1.x', `v2.${expires}.${mac}`])
      expect(cookies.verify(value)).toBe(false);
  });
});
