/** What a model's name becomes in an answer shown in blind mode, before the vote. */
export const HIDDEN_NAME = '[name hidden]';

/**
 * Names by which answers give their maker away: assistants, model families and their makers.
 * Each also matches with a version after it ("GPT-4o-mini", "Llama 3.1", "Gemini-2.0").
 */
const FAMILIES = [
  'ChatGPT',
  'GPT',
  'OpenAI',
  'Gemini',
  'Gemma',
  'Bard',
  'Google',
  'DeepMind',
  'Claude',
  'Anthropic',
  'Llama',
  'Meta AI',
  'Mistral',
  'Mixtral',
  'Grok',
  'xAI',
  'DeepSeek',
  'Qwen',
  'Groq',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A version after a name: "-4o-mini", " 3.1", "2.0"; not a plain word after a space. */
const VERSION = String.raw`(?:[- ]?\d[\p{L}\p{N}.]*(?:-[\p{L}\p{N}.]+)*|-[\p{L}\p{N}.]+(?:-[\p{L}\p{N}.]+)*)?`;

/**
 * Masks, in an answer's text, the names that would tell which model wrote it: the session's
 * own model ids (however a custom server names them) and the well-known families and makers.
 * Whole words only, any case. Blind mode shows answers through it until the vote: a model that
 * says "As Gemini, …" must not undo the letters.
 */
export function nameMasker(models: readonly { modelId: string }[]): (text: string) => string {
  // Longest first, so "gpt-4o-mini" is masked whole rather than as "GPT" and a leftover.
  const ids = [...new Set(models.map((m) => m.modelId).filter((id) => id.length >= 3))]
    .sort((a, b) => b.length - a.length)
    .map(escape);
  const families = FAMILIES.map((f) => `${escape(f).replace(' ', '\\s+')}${VERSION}`);
  const pattern = new RegExp(
    String.raw`(?<![\p{L}\p{N}_-])(?:${[...ids, ...families].join('|')})(?![\p{L}\p{N}_])`,
    'giu',
  );
  return (text) => text.replace(pattern, HIDDEN_NAME);
}
