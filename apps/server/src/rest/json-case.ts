/**
 * The original backend speaks snake_case JSON; the contracts are camelCase. Keys are converted
 * at the edge, both ways, so the contracts stay the one description of every field.
 */

export const snakeCase = (key: string): string =>
  key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const camelCase = (key: string): string =>
  key.replace(/_([a-z0-9])/g, (_match, c: string) => c.toUpperCase());

type SnakeKey<K extends string> = K extends `${infer Head}${infer Tail}`
  ? Head extends Lowercase<Head>
    ? `${Head}${SnakeKey<Tail>}`
    : `_${Lowercase<Head>}${SnakeKey<Tail>}`
  : K;

/** `{ tokensUsed: number }` → `{ tokens_used: number }`, all the way down. */
export type SnakeCased<T> = T extends readonly (infer Item)[]
  ? SnakeCased<Item>[]
  : T extends object
    ? { [K in keyof T as K extends string ? SnakeKey<K> : K]: SnakeCased<T[K]> }
    : T;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[rename(key)] = renameKeys(item, rename);
  return out;
}

/** A contract value as the original API's JSON. */
export const toSnakeCase = <T>(value: T): SnakeCased<T> =>
  renameKeys(value, snakeCase) as SnakeCased<T>;

/** A request body in the original API's JSON, with the contracts' key names (validated after). */
export const toCamelCase = (value: unknown): unknown => renameKeys(value, camelCase);
