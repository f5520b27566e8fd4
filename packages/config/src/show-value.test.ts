import { describe, expect, it } from 'vitest';

import { showValue } from './show-value';

describe('showValue', () => {
  it('masks a variable whose name says it is a secret', () => {
    expect(showValue('ACCESS_TOKEN', 'hunter2hunter2')).toBe('"***"');
    expect(showValue('GROQ_API_KEY', 'gsk_live')).toBe('"***"');
  });

  it('masks the password of a database URL and secret query parameters', () => {
    expect(showValue('DATABASE_URL', 'postgress://app:s3cr3t@db:5432/app')).toBe(
      '"postgress://app:***@db:5432/app"',
    );
    expect(showValue('DATABASE_URL', 'postgresql://db/app?user=app&password=s3cr3t&ssl=1')).toBe(
      '"postgresql://db/app?user=app&password=***&ssl=1"',
    );
    expect(showValue('PORT', 'eighty')).toBe('"eighty"');
  });

  it('masks secret keys inside JSON and hides JSON that does not parse', () => {
    const shown = showValue(
      'OPENAI_COMPATIBLE_PROVIDERS',
      '[{"id":"or","baseUrl":"ftp://x","apiKey":"sk-or-secret","headers":{"Authorization":"Bearer t0k"}}]',
    );
    expect(shown).toBe(
      '[{"id":"or","baseUrl":"ftp://x","apiKey":"***","headers":{"Authorization":"***"}}]',
    );
    expect(showValue('OPENAI_COMPATIBLE_PROVIDERS', '[{"apiKey":"sk-or-secret",')).toBe(
      'JSON not shown: it may hold secrets',
    );
  });

  it('shortens long values', () => {
    expect(showValue('HOST', 'x'.repeat(500))).toHaveLength(201);
  });
});
