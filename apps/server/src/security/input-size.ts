import type { AnyTRPCRouter } from '@trpc/server';
import { z } from 'zod';

/** Room for the envelope around an input: the WebSocket message, other calls sent in the same frame. */
export const ENVELOPE_BYTES = 64 * 1024;

type JsonSchema = z.core.JSONSchema.BaseSchema;

/**
 * The most bytes a value valid under `schema` takes as JSON: strings at 6 bytes per UTF-16 unit
 * (a control character is written as \u0000), numbers at 24 characters. A string or array
 * without a maximum makes the input unbounded, which is an error: every input must say its size.
 */
export function maxJsonBytes(schema: JsonSchema, path = '(input)'): number {
  if (schema.anyOf || schema.oneOf) {
    const options = schema.anyOf ?? schema.oneOf ?? [];
    return Math.max(...options.map((option) => maxJsonBytes(option, path)));
  }
  if (schema.enum) return Math.max(...schema.enum.map((v) => JSON.stringify(v).length));
  if (schema.const !== undefined) return JSON.stringify(schema.const).length;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return Math.max(
    ...types.map((type) => {
      switch (type) {
        case 'string':
          if (schema.maxLength === undefined)
            throw new Error(
              `${path} is a string without a maximum length; give it .max() in its schema.`,
            );
          return 2 + 6 * schema.maxLength;
        case 'number':
        case 'integer':
          return 24;
        case 'boolean':
          return 5;
        case 'null':
          return 4;
        case 'array': {
          if (schema.maxItems === undefined || !schema.items || Array.isArray(schema.items))
            throw new Error(
              `${path} is a list without a maximum length; give it .max() in its schema.`,
            );
          const item = maxJsonBytes(schema.items as JsonSchema, `${path}[]`);
          return 2 + schema.maxItems * (item + 1);
        }
        case 'object':
          return Object.entries(schema.properties ?? {}).reduce(
            (sum, [key, value]) =>
              sum +
              JSON.stringify(key).length +
              2 +
              maxJsonBytes(value as JsonSchema, `${path}.${key}`),
            2,
          );
        default:
          throw new Error(
            `${path} has no type the size of which is known; describe it with zod types.`,
          );
      }
    }),
  );
}

interface ProcedureDef {
  _def: { inputs: unknown[] };
}

/**
 * The largest message a valid call can need: the largest input of any procedure as JSON, plus
 * the envelope. Derived from the router's zod input schemas, so it follows them when they change.
 */
export function maxMessageBytes(router: AnyTRPCRouter): number {
  const procedures = router._def.procedures as Record<string, ProcedureDef>;
  let largest = 0;
  for (const [path, procedure] of Object.entries(procedures)) {
    for (const input of procedure._def.inputs) {
      const schema = z.toJSONSchema(input as z.ZodType, { io: 'input' });
      largest = Math.max(largest, maxJsonBytes(schema, path));
    }
  }
  return largest + ENVELOPE_BYTES;
}
