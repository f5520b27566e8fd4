/** A space, tab or line feed: a cut after one never splits a character, a word or a CR LF pair. */
const BREAK = /[ \t\n]/g;

/**
 * Cuts growing text into pieces that stay the same as the text grows: every piece but the last is
 * at least `size` characters long and ends just after a space, tab or line feed. Rendered as
 * sibling text nodes, only the last node changes when tokens arrive, so the browser lays out and
 * repaints the last few lines instead of the whole paragraph on every frame.
 */
export function tailSegments(text: string, size = 256): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > size) {
    BREAK.lastIndex = start + size - 1;
    const found = BREAK.exec(text);
    if (!found || found.index + 1 >= text.length) break;
    pieces.push(text.slice(start, found.index + 1));
    start = found.index + 1;
  }
  pieces.push(text.slice(start));
  return pieces;
}
