import { describe, expect, it } from 'vitest';

import { createDb } from './create-db';
import { DEFAULT_DATABASE_URL, describeDatabaseUrl, parseDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it('reads SQLite URLs and bare paths', () => {
    expect(parseDatabaseUrl(DEFAULT_DATABASE_URL)).toEqual({
      provider: 'sqlite',
      file: './data/workspace.db',
    });
    expect(parseDatabaseUrl('file:/var/lib/app.db')).toEqual({
      provider: 'sqlite',
      file: '/var/lib/app.db',
    });
    expect(parseDatabaseUrl('file:///var/lib/app.db')).toEqual({
      provider: 'sqlite',
      file: '/var/lib/app.db',
    });
    expect(parseDatabaseUrl('file:./dev.db?connection_limit=1')).toEqual({
      provider: 'sqlite',
      file: './dev.db',
    });
    expect(parseDatabaseUrl(' ./data/x.db ')).toEqual({ provider: 'sqlite', file: './data/x.db' });
    expect(parseDatabaseUrl('/abs/x.sqlite')).toEqual({
      provider: 'sqlite',
      file: '/abs/x.sqlite',
    });
    expect(parseDatabaseUrl('C:\\data\\x.db')).toEqual({
      provider: 'sqlite',
      file: 'C:\\data\\x.db',
    });
  });

  it('reads PostgreSQL URLs, taking the schema out of the connection string', () => {
    expect(parseDatabaseUrl('postgresql://u:p@h:5432/d?schema=s1&sslmode=require')).toEqual({
      provider: 'postgresql',
      connectionString: 'postgresql://u:p@h:5432/d?sslmode=require',
      schema: 's1',
    });
    expect(parseDatabaseUrl('postgres://u@h/d')).toEqual({
      provider: 'postgresql',
      connectionString: 'postgres://u@h/d',
      schema: 'public',
    });
  });

  it('refuses anything else, naming DATABASE_URL, the value (without its password) and the accepted forms', () => {
    for (const bad of [
      'mysql://root:secret@localhost/db',
      'sqlite:./x.db',
      '',
      'file:',
      ':memory:',
      'postgresql://[bad',
    ]) {
      let message = '';
      try {
        parseDatabaseUrl(bad);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^DATABASE_URL ".*" is not usable/);
      expect(message).toContain('file:./data/workspace.db');
      expect(message).toContain('postgresql://');
      expect(message).not.toContain('secret');
    }
    expect(() => parseDatabaseUrl('mysql://root:secret@localhost/db')).toThrow(
      'DATABASE_URL "mysql://root:***@localhost/db"',
    );
  });

  it('makes createDb fail before touching anything', async () => {
    await expect(createDb({ url: 'mongodb://localhost/db' })).rejects.toThrow(
      /DATABASE_URL "mongodb:\/\/localhost\/db" is not usable.*file:.*postgresql:\/\//,
    );
  });
});

describe('describeDatabaseUrl', () => {
  it('masks passwords and nothing else', () => {
    expect(describeDatabaseUrl('postgresql://app:s3cr%40t@db:5432/main?schema=x')).toBe(
      'postgresql://app:***@db:5432/main?schema=x',
    );
    expect(describeDatabaseUrl('postgresql://db/main?user=app&password=hunter2')).toBe(
      'postgresql://db/main?user=app&password=***',
    );
    expect(describeDatabaseUrl('postgresql://app@db/main')).toBe('postgresql://app@db/main');
    expect(describeDatabaseUrl('file:./data/workspace.db')).toBe('file:./data/workspace.db');
  });
});
