import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

import { broadcastCreateInput, modelParamsSchema, sessionsListInput } from '@mlb/contracts';

import { validationProblem } from './problems';

const problemsOf = (schema: z.ZodType, input: unknown, source: 'body' | 'query' = 'body') => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return validationProblem(source, result.error, input);
};

describe('422 bodies in FastAPI’s format', () => {
  it('place each problem with the original’s field names and pydantic’s error types', () => {
    const problem = problemsOf(broadcastCreateInput, {
      models: [{ providerId: 'Not Valid', modelId: 'm', params: { temperature: 3 } }],
      sessionId: 'x'.repeat(65),
    });
    expect(problem.detail).toEqual([
      { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
      {
        loc: ['body', 'models', 0, 'provider_id'],
        msg: 'Provider ids are lower-case letters, digits, "-" and "_".',
        type: 'string_pattern_mismatch',
      },
      {
        loc: ['body', 'models', 0, 'params', 'temperature'],
        msg: 'temperature is at most 2.',
        type: 'less_than_equal',
      },
      {
        loc: ['body', 'session_id'],
        msg: 'An id is at most 64 characters.',
        type: 'string_too_long',
      },
    ]);
    expect(problem.suggestion).toMatch(/Correct the fields/);
  });

  it('keep the contracts’ own messages for wrong values (one source of limits and words)', () => {
    const problem = problemsOf(broadcastCreateInput, { prompt: '   ', models: [] });
    expect(problem.detail).toEqual([
      {
        loc: ['body', 'prompt'],
        msg: 'Type a prompt before broadcasting.',
        type: 'string_too_short',
      },
      { loc: ['body', 'models'], msg: 'Pick at least one model.', type: 'too_short' },
    ]);
  });

  it('tell a wrong type from a missing field, and list each extra field of a strict object', () => {
    expect(problemsOf(broadcastCreateInput, { prompt: 5, models: 'all' }).detail).toEqual([
      { loc: ['body', 'prompt'], msg: 'prompt must be text.', type: 'string_type' },
      {
        loc: ['body', 'models'],
        msg: expect.stringContaining('expected array') as string,
        type: 'list_type',
      },
    ]);
    expect(problemsOf(modelParamsSchema, { topK: 1, seed: 2 }).detail).toEqual([
      {
        loc: ['body', 'top_k'],
        msg: 'Extra inputs are not permitted: remove "top_k".',
        type: 'extra_forbidden',
      },
      {
        loc: ['body', 'seed'],
        msg: 'Extra inputs are not permitted: remove "seed".',
        type: 'extra_forbidden',
      },
    ]);
  });

  it('say where a query parameter was wrong', () => {
    expect(problemsOf(sessionsListInput, { limit: 500 }, 'query').detail).toEqual([
      { loc: ['query', 'limit'], msg: expect.any(String) as string, type: 'less_than_equal' },
    ]);
  });
});
