import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { booleanFromEnv, createEnv, EnvError, listFromEnv, portFromEnv } from './create-env';

const schema = z.object({
  PORT: portFromEnv.default(8080),
  RELOAD: booleanFromEnv.default(false),
  GROQ_API_KEY: z.string().min(10, 'expected a Groq key (gsk_…)').optional(),
});

describe('createEnv', () => {
  it('applies defaults and treats empty strings as unset', () => {
    expect(createEnv(schema, { PORT: '', RELOAD: 'true' })).toEqual({ PORT: 8080, RELOAD: true });
  });

  it('names every bad variable, masks secrets and says what is expected', () => {
    try {
      createEnv(schema, { PORT: 'eighty', RELOAD: 'maybe', GROQ_API_KEY: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as EnvError).message;
      expect(message).toContain('PORT ("eighty"): expected a port number');
      expect(message).toContain('RELOAD ("maybe"): expected true or false');
      expect(message).toContain('GROQ_API_KEY ("***"): expected a Groq key');
      expect(message).not.toContain('short');
      expect(message).toContain('.env.example');
    }
  });

  it('rejects ports out of range', () => {
    expect(() => createEnv(schema, { PORT: '70000' })).toThrow(
      /PORT \("70000"\): expected a port between 0 and 65535/,
    );
  });

  it('reports a problem inside a JSON variable by its path, without printing its secrets', () => {
    const providers = z.object({
      PROVIDERS: z
        .string()
        .transform((text) => JSON.parse(text) as unknown)
        .pipe(z.array(z.object({ baseUrl: z.url({ error: 'expected an http(s) URL' }) }))),
      DATABASE_URL: z.string().regex(/^postgresql:\/\//, 'expected postgresql://…'),
    });
    try {
      createEnv(providers, {
        PROVIDERS: '[{"baseUrl":"nope","apiKey":"sk-live-123"}]',
        DATABASE_URL: 'postgres ql://app:pa55word@db/app',
      });
      expect.unreachable();
    } catch (error) {
      const message = (error as EnvError).message;
      expect(message).toContain('PROVIDERS[0].baseUrl ([{"baseUrl":"nope","apiKey":"***"}])');
      expect(message).toContain('DATABASE_URL ("postgres ql://app:***@db/app")');
      expect(message).not.toContain('sk-live-123');
      expect(message).not.toContain('pa55word');
    }
  });

  it('reads comma-separated lists and checks each item', () => {
    const lists = z.object({
      HOSTS: listFromEnv(z.string().regex(/^[a-z.]+$/, 'expected a host')),
    });
    expect(createEnv(lists, { HOSTS: ' a.example, b.example ,' })).toEqual({
      HOSTS: ['a.example', 'b.example'],
    });
    expect(() => createEnv(lists, { HOSTS: 'a.example,B!' })).toThrow(
      /HOSTS\[1\] \("a.example,B!"\): expected a host/,
    );
  });
});
