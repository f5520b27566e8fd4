import type { ServerResponse } from 'node:http';

import type { z } from 'zod';

import type { DomainError, DomainErrorCode } from '@mlb/domain';

import { snakeCase } from './json-case';

/**
 * Error bodies in FastAPI's shapes, so the original backend's clients read them as before:
 * `{"detail": "…"}` for a refused request, `{"detail": [{loc, msg, type}]}` with status 422 for
 * invalid input. Each also carries a `suggestion` (what to do), as every error of this workspace does.
 */

/** One invalid field, as pydantic reports it. */
export interface FieldProblem {
  /** Where: `body`, `query` or `path`, then the field's path in the original's names. */
  loc: (string | number)[];
  msg: string;
  /** pydantic's error type, e.g. `missing`, `string_too_short`, `extra_forbidden`. */
  type: string;
}

export interface ValidationProblem {
  detail: FieldProblem[];
  suggestion: string;
}

export interface Problem {
  detail: string;
  /** The workspace's error code, e.g. NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS. */
  code: string;
  suggestion: string | null;
}

export type InputSource = 'body' | 'query' | 'path';

const FIX_FIELDS = 'Correct the fields listed in detail and send the request again.';

const JSON_TYPES: Record<string, string> = {
  string: 'string_type',
  number: 'float_type',
  int: 'int_type',
  boolean: 'bool_type',
  array: 'list_type',
  object: 'dict_type',
};

/** The value at `path` in the input as received (undefined when absent). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** zod's issue, named as pydantic names the same failure. */
function pydanticType(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? 'missing'
        : (JSON_TYPES[issue.expected] ?? `${issue.expected}_type`);
    case 'too_small':
      if (issue.origin === 'string') return 'string_too_short';
      if (issue.origin === 'array' || issue.origin === 'set') return 'too_short';
      return issue.inclusive === false ? 'greater_than' : 'greater_than_equal';
    case 'too_big':
      if (issue.origin === 'string') return 'string_too_long';
      if (issue.origin === 'array' || issue.origin === 'set') return 'too_long';
      return issue.inclusive === false ? 'less_than' : 'less_than_equal';
    case 'invalid_format':
      return 'string_pattern_mismatch';
    case 'invalid_value':
      return 'enum';
    case 'unrecognized_keys':
      return 'extra_forbidden';
    case 'not_multiple_of':
      return 'multiple_of';
    default:
      return 'value_error';
  }
}

/**
 * The 422 body for input that failed its contract schema, in the original API's field names.
 * `input` is what was validated (for telling a missing field from a wrong one).
 */
export function validationProblem(
  source: InputSource,
  error: z.ZodError,
  input: unknown,
): ValidationProblem {
  const detail: FieldProblem[] = [];
  for (const issue of error.issues) {
    const loc = [
      source,
      ...issue.path.map((part) => (typeof part === 'string' ? snakeCase(part) : Number(part))),
    ];
    if (issue.code === 'unrecognized_keys') {
      // pydantic reports each extra field at its own place.
      for (const key of issue.keys)
        detail.push({
          loc: [...loc, snakeCase(key)],
          msg: `Extra inputs are not permitted: remove "${snakeCase(key)}".`,
          type: 'extra_forbidden',
        });
      continue;
    }
    const type = pydanticType(issue, input);
    // The schema's own message says what a wrong value should be; for an absent one pydantic's words say it best.
    detail.push({ loc, msg: type === 'missing' ? 'Field required' : issue.message, type });
  }
  return { detail, suggestion: FIX_FIELDS };
}

/** The 422 body for a body that is not JSON at all. */
export function invalidJsonProblem(reason: string): ValidationProblem {
  return {
    detail: [{ loc: ['body'], msg: `JSON decode error: ${reason}`, type: 'json_invalid' }],
    suggestion: 'Send the body as JSON (Content-Type: application/json), as in /openapi.json.',
  };
}

const STATUS_OF: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PRECONDITION_FAILED: 412,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** A refusal of the workspace (see publicFailure) as status and body. */
export function domainProblem(error: DomainError): { status: number; body: Problem } {
  return {
    status: STATUS_OF[error.code],
    body: { detail: error.message, code: error.code, suggestion: error.suggestion },
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

export function sendProblem(
  res: ServerResponse,
  status: number,
  problem: Problem,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, problem, headers);
}

/** A guard's refusal (host, origin, sign-in, size) on an API path, as the API's other errors. */
export function restRefusalBody(refusal: { code: string; message: string }): {
  contentType: string;
  text: string;
} {
  const body: Problem = { detail: refusal.message, code: refusal.code, suggestion: null };
  return { contentType: 'application/json', text: JSON.stringify(body) };
}

export const NOT_FOUND: Problem = {
  detail: 'Not Found',
  code: 'NOT_FOUND',
  suggestion: 'See /openapi.json (or /docs) for the paths this API serves.',
};

export const methodNotAllowed = (allow: readonly string[]): Problem => ({
  detail: 'Method Not Allowed',
  code: 'METHOD_NOT_ALLOWED',
  suggestion: `This path answers ${allow.join(', ')}.`,
});
