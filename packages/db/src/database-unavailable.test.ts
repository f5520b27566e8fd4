import { describe, expect, it } from 'vitest';

import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  it('recognises connection failures from Prisma, pg and the OS, also as a cause', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'P1001' }))).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new Error('query failed', {
          cause: { code: '57P01', message: 'terminating connection due to administrator command' },
        }),
      ),
    ).toBe(true);
  });

  it('does not take a refused query for an unreachable database', () => {
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot finish message m: it does not exist'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
