import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The original backend's README (a verbatim copy, fixtures/original-backend-README.md): the tests
 * run its examples as written, with only the address of the server under test put in.
 */
const README = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), 'fixtures/original-backend-README.md'),
  'utf8',
);

/** The first fenced block of `language` after the heading `heading`. */
export function readmeExample(heading: string, language: string): string {
  const at = README.search(new RegExp(`^#+ ${heading}$`, 'm'));
  const block =
    at < 0 ? null : new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(README.slice(at));
  if (!block) throw new Error(`The original README has no ${language} block under "${heading}".`);
  return block[1]!;
}

/** The example with its `localhost:8080` pointed at the server under test. */
export const pointedAt = (example: string, port: number) =>
  example.replaceAll('localhost:8080', `localhost:${port}`);
