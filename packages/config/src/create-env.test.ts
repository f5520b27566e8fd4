import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { booleanFromEnv, createEnv, EnvError, portFromEnv } from './create-env';

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
});
