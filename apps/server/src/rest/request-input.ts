import type { IncomingMessage } from 'node:http';

import { z } from 'zod';

import { readBody } from '../security';
import { camelCase, snakeCase, toCamelCase } from './json-case';
import { invalidJsonProblem, validationProblem, type ValidationProblem } from './problems';
import type { RestRoute } from './route';

type JsonSchema = z.core.JSONSchema.BaseSchema;

const schemas = new WeakMap<z.ZodType, JsonSchema>();

/** The JSON Schema of a contract input (what a request may send), computed once. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  let json = schemas.get(schema);
  if (!json) schemas.set(schema, (json = z.toJSONSchema(schema, { io: 'input' })));
  return json;
}

/** The JSON types a property may take (`["integer"]`, `["string", "null"]`…). */
function typesOf(property: JsonSchema): string[] {
  const options = property.anyOf ?? property.oneOf ?? [property];
  return options.flatMap((option) =>
    Array.isArray(option.type) ? option.type : option.type ? [option.type] : [],
  );
}

/**
 * Query values are text: a number or boolean field gets the value it spells, anything else stays
 * text, so the schema's own message explains a wrong one ("limit=ten").
 */
function fromQuery(text: string, property: JsonSchema): unknown {
  const types = typesOf(property);
  if ((types.includes('integer') || types.includes('number')) && text.trim() !== '') {
    const number = Number(text);
    if (!Number.isNaN(number)) return number;
  }
  if (types.includes('boolean')) {
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
  }
  return text;
}

export type InputResult = { ok: true; value: unknown } | { ok: false; problem: ValidationProblem };

/**
 * A route's input from where the original sends it (JSON body, query string or path), in the
 * contracts' names, checked by the route's contract schema. Errors name the fields as sent.
 * A body is read within `maxBodyBytes` (readBody throws BodyTooLargeError past it).
 */
export async function readInput(
  route: RestRoute,
  req: IncomingMessage,
  url: URL,
  params: Record<string, string>,
  maxBodyBytes: number,
): Promise<InputResult> {
  const spec = route.input;
  if (!spec) return { ok: true, value: undefined };
  let raw: unknown;
  if (spec.from === 'body') {
    const text = (await readBody(req, maxBodyBytes)).toString('utf8');
    if (text.trim() === '') raw = undefined;
    else {
      try {
        raw = toCamelCase(JSON.parse(text));
      } catch (error) {
        return { ok: false, problem: invalidJsonProblem((error as Error).message) };
      }
    }
  } else if (spec.from === 'path') {
    raw = Object.fromEntries(
      Object.entries(params).map(([name, value]) => [camelCase(name), value]),
    );
  } else {
    const properties = inputJsonSchema(spec.schema).properties ?? {};
    const query: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(properties)) {
      const text = url.searchParams.get(snakeCase(name));
      if (text !== null) query[name] = fromQuery(text, property as JsonSchema);
    }
    raw = query;
  }
  const parsed = spec.schema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: validationProblem(spec.from, parsed.error, raw) };
}
