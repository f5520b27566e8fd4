/** Word-sized tokens with their trailing whitespace: joined back they give the text exactly. */
export function demoTokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** The demo's own token count for a set of messages. */
export function demoTokenCount(texts: string[]): number {
  return texts.reduce((n, t) => n + (t.match(/\S+/g)?.length ?? 0), 0);
}
