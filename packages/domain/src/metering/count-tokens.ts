import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

import type { Usage } from '@mlb/contracts';
import type { ChatMessage } from '@mlb/providers';

/**
 * Tokens in a text, counted with OpenAI's o200k_base tokenizer (GPT-4o and later). Other
 * providers' tokenizers differ by a few percent, which is why every count made here is marked
 * as an estimate: it stands in only where the provider reported nothing.
 */
export const countTokens = (text: string): number => (text === '' ? 0 : countO200k(text));

/** What a chat message adds around its text (role and separators), as OpenAI documents it. */
const TOKENS_PER_MESSAGE = 3;
/** Every reply is primed with the assistant's role. */
const TOKENS_PER_REPLY = 3;

/**
 * Usage estimated from what was sent and what came back, for answers whose provider sent no
 * usage (a stopped, dropped or timed-out stream): providers bill the tokens they produced,
 * so the meter must count them too.
 */
export function estimateUsage(history: readonly ChatMessage[], output: string): Usage {
  const input =
    history.reduce((sum, m) => sum + TOKENS_PER_MESSAGE + countTokens(m.content), 0) +
    TOKENS_PER_REPLY;
  return { inputTokens: input, outputTokens: countTokens(output) };
}
