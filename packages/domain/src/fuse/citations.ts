import type { Citation, FuseSource } from '@mlb/contracts';

/**
 * A source marker: one or more capital letters in brackets, "[A]", "[A, C]", "[A,C]" (several
 * markers in a row, "[A][C]", are read one by one). Not a Markdown link or reference ("[A](…)",
 * "[A]: …"), not a checkbox.
 */
const MARKER = /\[([A-Z](?:\s*,\s*[A-Z])*)\](?![(:])/g;

/** Paragraphs are separated by blank lines (a line of whitespace only). */
const PARAGRAPH_BREAK = /\n[ \t]*\n/g;

/** A fence line of Markdown code: three or more backticks or tildes, indented at most 3 spaces. */
const FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;

/**
 * Where the text's fenced code blocks are, [start, end) each: a blank line inside one is part of
 * the code, not a paragraph break (CommonMark: a block closes at a fence of the same character,
 * at least as long, with nothing after it; one never closed runs to the end).
 */
function fencedBlocks(text: string): [number, number][] {
  const blocks: [number, number][] = [];
  let open: { at: number; fence: string } | null = null;
  for (const match of text.matchAll(FENCE)) {
    const fence = match[1]!;
    if (!open) open = { at: match.index, fence };
    else if (
      fence[0] === open.fence[0] &&
      fence.length >= open.fence.length &&
      match[0].trim() === fence
    ) {
      blocks.push([open.at, match.index + match[0].length]);
      open = null;
    }
  }
  if (open) blocks.push([open.at, text.length]);
  return blocks;
}

/** Each non-empty paragraph of a text with its place in it (trimmed); code blocks stay whole. */
export function paragraphs(text: string): { start: number; end: number }[] {
  const blocks = fencedBlocks(text);
  const inCode = (at: number) => blocks.some(([start, end]) => at > start && at < end);
  const out: { start: number; end: number }[] = [];
  const push = (from: number, to: number) => {
    const chunk = text.slice(from, to);
    const lead = chunk.length - chunk.trimStart().length;
    const trail = chunk.length - chunk.trimEnd().length;
    if (chunk.trim() !== '') out.push({ start: from + lead, end: to - trail });
  };
  let from = 0;
  for (const match of text.matchAll(PARAGRAPH_BREAK)) {
    if (inCode(match.index)) continue;
    push(from, match.index);
    from = match.index + match[0].length;
  }
  push(from, text.length);
  return out;
}

/**
 * The citations of a fused answer: for every paragraph that names sources by their labels, those
 * sources. Labels the fusion was not given (a model inventing "[Z]") are ignored; a paragraph that
 * names none has no citation.
 */
export function readCitations(text: string, sources: readonly FuseSource[]): Citation[] {
  const byLabel = new Map(sources.map((s) => [s.label, s]));
  return paragraphs(text).flatMap(({ start, end }, paragraph) => {
    const labels: string[] = [];
    for (const match of text.slice(start, end).matchAll(MARKER))
      for (const label of match[1]!.split(',').map((l) => l.trim()))
        if (byLabel.has(label) && !labels.includes(label)) labels.push(label);
    if (labels.length === 0) return [];
    labels.sort();
    return [
      {
        paragraph,
        start,
        end,
        labels,
        sources: labels.map((label) => {
          const { paneId, messageId } = byLabel.get(label)!;
          return { paneId, messageId };
        }),
      },
    ];
  });
}

/** "A", "B", …: the label of the n-th source (0-based; a fusion has at most 24, LIMITS.panesPerBroadcast). */
export const sourceLabel = (index: number): string => String.fromCharCode(65 + index);
