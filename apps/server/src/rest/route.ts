import type { IncomingMessage } from 'node:http';

import type { z } from 'zod';

import type { InputSource } from './problems';

export type Method = 'GET' | 'POST' | 'DELETE';

/**
 * One route of the original API: where its input comes from, the contract schema that checks
 * it, what it answers, and the call into the workspace. The OpenAPI document is built from the
 * same objects, so what is documented is what is served.
 */
export interface RestRoute<Input extends z.ZodType = z.ZodType> {
  method: Method;
  /** OpenAPI's template, in the original's names: `/sessions/{session_id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'Broadcast' | 'Sessions' | 'System';
  /** The contract schema (camelCase) and where the original sends its fields. */
  input?: { from: InputSource; schema: Input };
  response: {
    status: number;
    description: string;
    schema: z.ZodType;
    /** When the status depends on the answer (GET /health: 503 without a database). */
    statusOf?: (result: never) => number;
  };
  /** Error statuses this route can answer besides 422 (documented). */
  errors?: readonly number[];
  run: (input: z.output<Input>, req: IncomingMessage) => Promise<unknown>;
}

/** Keeps each route's `run` typed by its own schema inside a list of routes. */
export const route = <Input extends z.ZodType>(spec: RestRoute<Input>): RestRoute => spec;
