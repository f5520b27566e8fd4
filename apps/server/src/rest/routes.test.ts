import { describe, expect, it } from 'vitest';

import { appRouter } from '@mlb/api';
import type { Workspace } from '@mlb/domain';

import { maxMessageBytes } from '../security';
import { maxJsonBytes } from '../security/input-size';
import { snakeSchema } from './openapi';
import { inputJsonSchema } from './request-input';
import { createRoutes } from './routes';

const unused = () => Promise.reject(new Error('not called'));
const routes = createRoutes({
  workspace: {} as Workspace,
  runtime: () => {
    throw new Error('not called');
  },
  health: unused,
  checkProviders: unused,
});

describe('the original API’s bodies', () => {
  it('every body a route accepts fits the body limit derived from the same schemas', () => {
    // The limit is the largest tRPC input plus an envelope, which covers the longer names.
    const limit = maxMessageBytes(appRouter);
    const bodies = routes.filter((route) => route.input?.from === 'body');
    expect(bodies.map((route) => route.path)).toEqual(['/broadcast', '/send-to', '/summarize']);
    for (const route of bodies) {
      // The longer snake_case names are counted: the same schema, as the original sends it.
      const snake = snakeSchema(inputJsonSchema(route.input!.schema)) as Parameters<
        typeof maxJsonBytes
      >[0];
      expect(maxJsonBytes(snake, route.path), route.path).toBeLessThanOrEqual(limit);
    }
  });
});
