/**
 * The answer every load stream carries: `tokens` words of equal width ("w000 " … "w399 "), so the
 * fake upstream, cutting the text every `chunkSize` characters, sends exactly one word per chunk.
 * A received text then counts its tokens by its spaces, and any lost, repeated or reordered token
 * makes it differ from the original.
 */
export function loadAnswer(tokens: number): { text: string; chunkSize: number } {
  const width = String(Math.max(0, tokens - 1)).length;
  const words = Array.from({ length: tokens }, (_, i) => `w${String(i).padStart(width, '0')} `);
  return { text: words.join(''), chunkSize: width + 2 };
}

/** Tokens in a text built by loadAnswer (or a part of one): every token ends with a space. */
export function tokensIn(text: string): number {
  let n = 0;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) n += 1;
  return n;
}
