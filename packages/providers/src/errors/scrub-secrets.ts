/** What a secret, or a recognisable piece of one, is replaced with in error texts. */
export const REDACTED = '[redacted]';

/** A run this long shared with a secret is a fragment of it (e.g. a key's first 8 characters). */
const MIN_FRAGMENT = 8;
/** The visible end of a masked key ("sk-...m31Q", "sk-proj-****7890") that identifies it. */
const MIN_VISIBLE_END = 4;
/** A key as upstreams print it when they mask part of it: stars, dots or an ellipsis inside. */
const MASKED_KEY = /[\w-]*(?:\*{2,}|\.{3}|…)[\w-]*/g;

/** Replaces every run of `MIN_FRAGMENT`+ characters of `secret` in `text`. */
function withoutFragments(text: string, secret: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    let longest = 0;
    for (let j = 0; j < secret.length && longest < secret.length - j; j += 1) {
      let k = 0;
      while (i + k < text.length && j + k < secret.length && text[i + k] === secret[j + k]) k += 1;
      longest = Math.max(longest, k);
    }
    if (longest >= MIN_FRAGMENT) {
      out += REDACTED;
      i += longest;
    } else {
      out += text.charAt(i);
      i += 1;
    }
  }
  return out;
}

/** Whether a masked token shows the start or the end of `secret`. */
function showsPartOf(token: string, secret: string): boolean {
  const [head = '', ...rest] = token.split(/\*{2,}|\.{3}|…/);
  const tail = rest.at(-1) ?? '';
  return (
    (tail.length >= MIN_VISIBLE_END && secret.endsWith(tail)) ||
    (head.length >= MIN_VISIBLE_END && secret.startsWith(head))
  );
}

/**
 * A function that removes every configured secret from a text: the whole secret, any run of 8 or
 * more of its characters, and masked forms that show its start or end (OpenAI's "Incorrect API
 * key provided: sk-proj-****7890", LiteLLM's "Received API Key = sk-...m31Q").
 */
export function createSecretScrubber(
  secrets: readonly (string | undefined)[],
): (text: string) => string {
  // Too short to tell apart from ordinary words; keys are far longer.
  const known = [...new Set(secrets)].filter(
    (s): s is string => s !== undefined && s.length >= MIN_FRAGMENT,
  );
  if (known.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of known) {
      out = out.replace(MASKED_KEY, (token) => (showsPartOf(token, secret) ? REDACTED : token));
      out = withoutFragments(out, secret);
    }
    return out;
  };
}
