import type { Flavor } from './scenario';

type Part = string | { type?: string; text?: string } | undefined;

function partText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return (content as Part[]).map((p) => (typeof p === 'string' ? p : (p?.text ?? ''))).join('');
  return '';
}

/** Every message's text, and the last user turn's, from a provider-specific request body. */
export function readMessages(flavor: Flavor, body: unknown): { all: string[]; prompt: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  if (flavor === 'gemini') {
    const contents = (b.contents as { role?: string; parts?: { text?: string }[] }[] | undefined) ?? [];
    const system = (b.systemInstruction as { parts?: { text?: string }[] } | undefined)?.parts?.map((p) => p.text ?? '').join('') ?? '';
    const texts = contents.map((c) => (c.parts ?? []).map((p) => p.text ?? '').join(''));
    const lastUser = [...contents].reverse().find((c) => c.role !== 'model');
    return { all: system ? [system, ...texts] : texts, prompt: lastUser ? (lastUser.parts ?? []).map((p) => p.text ?? '').join('') : '' };
  }
  const messages = (b.messages as { role?: string; content?: unknown }[] | undefined) ?? [];
  const system = typeof b.system === 'string' ? [b.system] : Array.isArray(b.system) ? [partText(b.system)] : [];
  const all = [...system, ...messages.map((m) => partText(m.content))];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  return { all, prompt: lastUser ? partText(lastUser.content) : '' };
}
