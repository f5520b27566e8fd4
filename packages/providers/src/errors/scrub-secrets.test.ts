import { describe, expect, it } from 'vitest';

import { createSecretScrubber, REDACTED } from './scrub-secrets';

const KEY = 'sk-proj-Xy7Qa9LmN0pR2sT4uV6wZ8bC1dE3fG5h';
const scrub = createSecretScrubber([KEY, undefined, 'gsk_abcdefghijklmnopqrstuvwxyz012345']);

describe('createSecretScrubber', () => {
  it('removes a whole key wherever it appears', () => {
    expect(scrub(`bad key ${KEY} in header "Bearer ${KEY}"`)).toBe(
      `bad key ${REDACTED} in header "Bearer ${REDACTED}"`,
    );
  });

  it('removes runs of 8 or more characters of a key', () => {
    expect(scrub('key starts Xy7Qa9LmN0 and ends bC1dE3fG5h')).toBe(
      `key starts ${REDACTED} and ends ${REDACTED}`,
    );
  });

  it('removes masked forms that show the start or the end of a key', () => {
    // OpenAI: first characters, stars, last four.
    expect(scrub('Incorrect API key provided: sk-proj-**************fG5h. You can find…')).toBe(
      `Incorrect API key provided: ${REDACTED}. You can find…`,
    );
    // LiteLLM: "sk-...", last four.
    expect(scrub('Received API Key = sk-...fG5h, Key Hash (Token) =569909a9')).toBe(
      `Received API Key = ${REDACTED}, Key Hash (Token) =569909a9`,
    );
    expect(scrub('gsk_abcd****2345 was refused')).toBe(`${REDACTED} was refused`);
  });

  it('leaves texts without secrets, and masked strings of other keys, alone', () => {
    const text = 'Rate limit reached for gpt-4o-mini. Loading... sk-...ZZZZ is not ours.';
    expect(scrub(text)).toBe(text);
    expect(createSecretScrubber([])(text)).toBe(text);
  });
});
