/** FNV-1a: a stable 32-bit seed, so the same prompt and model always give the same answer. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** mulberry32: a tiny seeded generator; Math.random would make every run different. */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) | 0;
  };
}

const HEADINGS = ['A short take', 'How I would approach it', 'The gist', 'Where to start'];
const OPENERS = [
  'The useful way into {topic} is to separate what must be true from what is merely convenient.',
  'Most of the difficulty in {topic} comes from a few decisions made early and rarely revisited.',
  'A good answer about {topic} starts small, gets measured, and only then grows.',
  'It helps to treat {topic} as a trade-off rather than a puzzle with one right answer.',
];
const MIDDLES = [
  'Write down the constraints first; they usually rule out half of the options before any code exists.',
  'Then pick the simplest design that meets them, and make the expensive parts easy to replace later.',
  'Keep the feedback loop short: a test or a benchmark you can run in seconds beats a long review.',
  'Be explicit about failure: what happens halfway through, on empty input, and under load.',
];
const POINTS = [
  'Name the trade-off explicitly: speed, cost and clarity rarely peak together.',
  'Prefer small, composable pieces that each do one thing well.',
  'Measure before optimizing; intuition about hot spots is often wrong.',
  'Check the edge cases first: empty input, huge input, and failure halfway.',
  'Keep state in one place and derive everything else from it.',
  'Write the test that would have caught the last bug before fixing it.',
  'Document the why, not the what; the code already says what.',
];
const CLOSERS = [
  'If you share more about your constraints, the advice can get a lot more specific.',
  'None of this is final: revisit it once real numbers are in.',
  'Start with the first point; the rest follow naturally once it is in place.',
];

const pick = <T>(list: readonly T[], next: (n: number) => number): T => list[next(list.length)]!;

/**
 * The demo provider's answer: a few paragraphs of Markdown with a list and a short code block,
 * derived only from the prompt and the model id, and labelled as simulated in its first line.
 */
export function demoAnswer(prompt: string, modelId: string): string {
  const next = generator(seedOf(`${modelId}\n${prompt}`));
  const topic = prompt.replace(/\s+/g, ' ').trim().slice(0, 60) || 'this';
  const quoted = `“${topic}”`;
  const points = [...POINTS];
  for (let i = points.length - 1; i > 0; i -= 1) {
    const j = next(i + 1);
    [points[i], points[j]] = [points[j]!, points[i]!];
  }
  const chosen = points.slice(0, 3 + next(2));
  const words = topic.split(' ').length;
  return [
    `> **Simulated answer (demo provider)** from \`${modelId}\`: generated offline, no real model was called.`,
    '',
    `### ${pick(HEADINGS, next)}`,
    '',
    `${pick(OPENERS, next).replace('{topic}', quoted)} ${pick(MIDDLES, next)}`,
    '',
    ...chosen.map((p, i) => `${i + 1}. ${p}`),
    '',
    '```ts',
    `const prompt = ${JSON.stringify(topic)};`,
    `const words = prompt.split(' ').length; // ${words}`,
    `console.log(\`${modelId} read \${words} words\`);`,
    '```',
    '',
    pick(CLOSERS, next),
  ].join('\n');
}
