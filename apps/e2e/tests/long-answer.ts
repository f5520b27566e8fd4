/** A long Markdown answer as models write them, with the parts a pane must render from it. */
export interface LongAnswer {
  markdown: string;
  headings: string[];
  paragraphs: string[];
  items: string[];
  code: string[];
}

const words = (count: number, seed: number) =>
  Array.from({ length: count }, (_, i) => `w${((i * 7 + seed) % 90) + 10}`).join(' ');

/**
 * One long opening paragraph (about 1,000 characters), then `sections` × about 250 characters of
 * headings, paragraphs, lists and TypeScript code. With 12 sections that is about 4,000 characters:
 * 1,000 tokens of 4 characters, which stream for about 10 s at 100 tokens/s.
 */
export function longAnswer(sections = 12): LongAnswer {
  const answer: LongAnswer = {
    markdown: '',
    headings: [],
    paragraphs: [words(260, 1)],
    items: [],
    code: [],
  };
  const blocks = [answer.paragraphs[0]!];
  for (let s = 1; s <= sections; s++) {
    const heading = `Part ${s}`;
    const paragraph = words(30, s);
    const items = [`first point ${s}`, `second point ${s}`];
    const code = `export function part${s}(n: number): string {\n  return 'part ${s}: ' + n * ${s};\n}`;
    answer.headings.push(heading);
    answer.paragraphs.push(paragraph);
    answer.items.push(...items);
    answer.code.push(code);
    blocks.push(
      `## ${heading}`,
      paragraph,
      items.map((i) => `- ${i}`).join('\n'),
      '```ts\n' + code + '\n```',
    );
  }
  answer.markdown = blocks.join('\n\n');
  return answer;
}
