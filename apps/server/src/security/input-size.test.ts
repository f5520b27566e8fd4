import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { appRouter } from '@mlb/api';
import { LIMITS } from '@mlb/contracts';

import { ENVELOPE_BYTES, maxJsonBytes, maxMessageBytes } from './input-size';

const size = (schema: z.ZodType) => maxJsonBytes(z.toJSONSchema(schema, { io: 'input' }));

describe('maxJsonBytes', () => {
  it('bounds each JSON value by its schema', () => {
    expect(size(z.string().max(10))).toBe(2 + 60);
    expect(size(z.boolean())).toBe(5);
    expect(size(z.enum(['context', 'prompt']))).toBe('"context"'.length);
    expect(size(z.array(z.string().max(1)).max(3))).toBe(2 + 3 * (8 + 1));
    expect(size(z.object({ a: z.string().max(1), b: z.number().optional() }))).toBe(
      2 + ('"a"'.length + 2 + 8) + ('"b"'.length + 2 + 24),
    );
    expect(size(z.string().max(4).nullish())).toBe(2 + 24);
  });

  it('is never smaller than the JSON of the largest valid value', () => {
    const schema = z.object({ text: z.string().max(50), tags: z.array(z.string().max(3)).max(4) });
    const largest = {
      text: '\u0000'.repeat(50),
      tags: Array.from({ length: 4 }, () => '\u0001'.repeat(3)),
    };
    expect(schema.safeParse(largest).success).toBe(true);
    expect(size(schema)).toBeGreaterThanOrEqual(JSON.stringify(largest).length);
  });

  it('refuses inputs without a bound, naming the field', () => {
    expect(() => size(z.object({ note: z.string() }))).toThrow(
      '(input).note is a string without a maximum length',
    );
    expect(() => size(z.object({ ids: z.array(z.string().max(2)) }))).toThrow(
      '(input).ids is a list without a maximum length',
    );
  });
});

describe('maxMessageBytes of the router', () => {
  it('fits the largest valid broadcast (the longest prompt and every pane’s longest system prompt) and the largest import', () => {
    const limit = maxMessageBytes(appRouter);
    const promptBytes = 6 * LIMITS.promptMaxChars;
    const systemBytes = LIMITS.panesPerBroadcast * 6 * LIMITS.systemPromptMaxChars;
    expect(limit).toBeGreaterThan(promptBytes + systemBytes + ENVELOPE_BYTES);
    expect(limit).toBeGreaterThan(6 * LIMITS.importMaxChars + ENVELOPE_BYTES);
    // …and stays within a few MB: today's 450 MB bodies are far outside it.
    expect(limit).toBeLessThan(4 * 1024 * 1024);
  });
});
