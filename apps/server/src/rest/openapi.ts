import { z } from 'zod';

import { snakeCase } from './json-case';
import { inputJsonSchema } from './request-input';
import type { RestRoute } from './route';
import { streamMessage } from './view-schemas';

type JsonValue = unknown;
type JsonObject = Record<string, JsonValue>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A JSON Schema of the contracts (camelCase) in the original API's names: every property and
 * `required` entry renamed to snake_case, all the way down. `$schema` is dropped: OpenAPI 3.1's
 * dialect is JSON Schema 2020-12, which zod writes.
 */
export function snakeSchema(schema: JsonValue): JsonValue {
  if (Array.isArray(schema)) return (schema as unknown[]).map(snakeSchema);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue;
    if (key === 'properties' && isObject(value))
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [snakeCase(name), snakeSchema(property)]),
      );
    else if (key === 'required' && Array.isArray(value))
      out[key] = (value as unknown[]).map((name) =>
        typeof name === 'string' ? snakeCase(name) : name,
      );
    else out[key] = snakeSchema(value);
  }
  return out;
}

const outputSchema = (schema: z.ZodType) => snakeSchema(z.toJSONSchema(schema, { io: 'output' }));

const STATUS_TEXT: Record<number, string> = {
  400: 'The request cannot be carried out as it is (e.g. an unknown provider).',
  401: 'Sign in first: send the ACCESS_TOKEN as `Authorization: Bearer <token>`.',
  403: 'A page of another origin may not use this API.',
  404: 'No such session or pane.',
  409: 'It conflicts with what is running (e.g. the pane is still answering).',
  413: 'The body is larger than the largest valid input.',
  421: 'The Host header does not name this server (add it to ALLOWED_HOSTS).',
  429: 'A limit was reached; the message says which.',
  503: 'The database is not answering; try again in a moment.',
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: JsonValue) => ({ 'application/json': { schema } });

function parameters(route: RestRoute): JsonObject[] {
  const spec = route.input;
  if (!spec || spec.from === 'body') return [];
  const json = inputJsonSchema(spec.schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name: snakeCase(name),
    in: spec.from,
    required: spec.from === 'path' || required.has(name),
    schema: snakeSchema(property),
  }));
}

function operation(route: RestRoute): JsonObject {
  const errors = [...(route.errors ?? [])];
  const responses: JsonObject = {
    [String(route.response.status)]: {
      description: route.response.description,
      content: jsonContent(outputSchema(route.response.schema)),
    },
  };
  if (route.input)
    responses['422'] = {
      description: 'Invalid input: each field’s place, message and type (FastAPI’s format).',
      content: jsonContent(ref('ValidationError')),
    };
  for (const status of route.path === '/health' ? errors : [...errors, 401, 403, 421]) {
    responses[String(status)] =
      route.path === '/health'
        ? {
            description: 'The database does not answer (same body, status "unavailable").',
            content: jsonContent(outputSchema(route.response.schema)),
          }
        : {
            description: STATUS_TEXT[status] ?? 'Refused.',
            content: jsonContent(ref('Problem')),
          };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(route.path === '/health' ? { security: [] } : {}),
    parameters: parameters(route),
    ...(route.input?.from === 'body'
      ? {
          requestBody: {
            required: true,
            content: jsonContent(snakeSchema(inputJsonSchema(route.input.schema))),
          },
        }
      : {}),
    responses,
  };
}

const DESCRIPTION = `The original backend's HTTP and WebSocket API, served beside tRPC (\`/trpc\`) over the same workspace.

**Streaming.** \`WS /ws/{session_id}\` sends each pane event as JSON: \`{"id", "type", "session_id", "pane_id", "message_id", "data"}\` with \`type\` one of \`token\` (\`data.token\`), \`final\` (\`data.content\`), \`meter\` (\`data.tokens_used\`, \`data.cost\`), \`error\` (\`data.message\`, \`data.suggestion\`) and \`status\` (the schema \`StreamMessage\` below). Open it with \`?last_event_id=<id>\` to receive exactly what came after that event; a broadcast's \`last_event_id\` gives every event of that broadcast. A socket opened for a session that does not exist yet gets \`{"type": "waiting"}\` and then the events of the broadcast that creates it.

**Errors** are FastAPI's: \`{"detail": [{"loc", "msg", "type"}], "suggestion"}\` with status 422 for invalid input, \`{"detail", "code", "suggestion"}\` otherwise.`;

/** The OpenAPI 3.1 document of the original API, from its routes and the contracts' schemas. */
export function openApiDocument(routes: readonly RestRoute[], version: string): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes)
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: '3.1.0',
    info: { title: 'Broadcast Workspace: the original API', version, description: DESCRIPTION },
    tags: [
      { name: 'Broadcast', description: 'Start answers; they stream on WS /ws/{session_id}.' },
      { name: 'Sessions', description: 'Saved sessions with their panes and messages.' },
      { name: 'System', description: 'Health, models, providers and figures.' },
    ],
    security: [{}, { accessToken: [] }],
    paths,
    components: {
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Needed only when the workspace was started with ACCESS_TOKEN.',
        },
      },
      schemas: {
        ValidationError: {
          type: 'object',
          required: ['detail', 'suggestion'],
          properties: {
            detail: {
              type: 'array',
              items: {
                type: 'object',
                required: ['loc', 'msg', 'type'],
                properties: {
                  loc: {
                    type: 'array',
                    items: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
                    description:
                      '`body`, `query` or `path`, then the field, e.g. ["body", "models", 0, "provider_id"]',
                  },
                  msg: { type: 'string' },
                  type: { type: 'string', description: 'pydantic’s error type, e.g. `missing`' },
                },
              },
            },
            suggestion: { type: 'string' },
          },
        },
        Problem: {
          type: 'object',
          required: ['detail', 'code', 'suggestion'],
          properties: {
            detail: { type: 'string', description: 'what was refused' },
            code: { type: 'string', description: 'e.g. NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS' },
            suggestion: { type: ['string', 'null'], description: 'what to do' },
          },
        },
        StreamMessage: outputSchema(streamMessage),
      },
    },
  };
}
