import { describe, expect, it } from 'vitest';

import { describeRefusedUpgrade, refusedUpgradeStatus } from './connection-errors';

describe('refused upgrades', () => {
  it('finds the status `ws` reports, however deep in the causes', () => {
    const event = { type: 'error', message: 'Unexpected server response: 401' };
    const closed = new Error('Initialization error', { cause: event });
    expect(refusedUpgradeStatus(new Error('WebSocket closed', { cause: closed }))).toBe(401);
    expect(
      refusedUpgradeStatus(new Error('WebSocket closed', { cause: { code: 1006 } })),
    ).toBeNull();
  });

  it('says what to do for refusals a retry cannot fix, and nothing for the others', () => {
    expect(describeRefusedUpgrade(401, false)).toContain('pass its ACCESS_TOKEN');
    expect(describeRefusedUpgrade(401, true)).toContain('refused the access token');
    expect(describeRefusedUpgrade(421, false)).toContain('ALLOWED_HOSTS');
    expect(describeRefusedUpgrade(429, false)).toBeNull();
    expect(describeRefusedUpgrade(503, false)).toBeNull();
  });
});
