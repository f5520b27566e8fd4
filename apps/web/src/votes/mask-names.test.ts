import { describe, expect, it } from 'vitest';

import { HIDDEN_NAME, nameMasker } from './mask-names';

const mask = nameMasker([
  { modelId: 'gpt-4o-mini' },
  { modelId: 'gemini-2.0-flash' },
  { modelId: 'llama-3.1-8b-instant' },
  { modelId: 'house-model' },
]);
const H = HIDDEN_NAME;

describe('nameMasker', () => {
  it("masks the session's model ids and the well-known names, with their versions, in any case", () => {
    expect(mask('I am gpt-4o-mini, a model by OpenAI.')).toBe(`I am ${H}, a model by ${H}.`);
    expect(mask('As GPT-4o I would say')).toBe(`As ${H} I would say`);
    expect(mask('gemini-2.0-flash here (Gemini 2.0).')).toBe(`${H} here (${H}).`);
    expect(mask('Llama 3.1 from Meta AI; llama-3.1-8b-instant.')).toBe(`${H} from ${H}; ${H}.`);
    expect(mask('I am CLAUDE, made by anthropic.')).toBe(`I am ${H}, made by ${H}.`);
    expect(mask('Served by house-model.')).toBe(`Served by ${H}.`);
  });

  it('leaves words that merely contain a name, and plain text, alone', () => {
    const text = 'Egypt has a gptish vibe; the llamas graze; Googled it; metadata.';
    expect(mask(text)).toBe(text);
    expect(mask('')).toBe('');
  });

  it('keeps the rest of a Markdown answer as it was', () => {
    expect(mask('**Gemini** says:\n\n- one\n- `code` GPT-4')).toBe(
      `**${H}** says:\n\n- one\n- \`code\` ${H}`,
    );
  });
});
