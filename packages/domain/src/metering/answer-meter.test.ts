import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';

import type { Usage } from '@mlb/contracts';
import type { ChatMessage } from '@mlb/providers';

import { AnswerMeter, PROGRESS_INTERVAL_MS } from './answer-meter';

/** A meter on a clock the test moves (ms). */
function meter() {
  const clock = { now: 1000 };
  return { clock, meter: new AnswerMeter(() => clock.now) };
}

const history: ChatMessage[] = [
  { role: 'system', content: 'Answer briefly.' },
  { role: 'user', content: 'What is the capital of France?' },
];
/** $1 per million input tokens, $2 per million output tokens. */
const price = (usage: Usage) => (usage.inputTokens + 2 * usage.outputTokens) / 1e6;

describe('AnswerMeter progress', () => {
  it('reports at most once per interval, with the tokens of all the text so far', () => {
    const { clock, meter: m } = meter();
    m.firstToken();
    expect(m.progress('The capital')).toBeNull();
    clock.now += PROGRESS_INTERVAL_MS - 1;
    expect(m.progress('The capital of')).toBeNull();
    clock.now += 1;
    expect(m.progress('The capital of France')).toEqual({
      outputTokens: countTokens('The capital of France'),
      elapsedMs: 250,
      tokensPerSecond: countTokens('The capital of France') / 0.25,
      ttftMs: 0,
    });
    clock.now += 100;
    expect(m.progress('The capital of France is')).toBeNull();
    clock.now += 150;
    const text = 'The capital of France is Paris.';
    expect(m.progress(text)).toEqual({
      outputTokens: countTokens(text),
      elapsedMs: 500,
      tokensPerSecond: countTokens(text) / 0.5,
      ttftMs: 0,
    });
  });

  it('gives no rate until the answer has streamed for an interval', () => {
    const { clock, meter: m } = meter();
    clock.now += 200;
    m.firstToken();
    clock.now += 100;
    expect(m.progress('Paris')).toEqual({
      outputTokens: countTokens('Paris'),
      elapsedMs: 300,
      tokensPerSecond: null,
      ttftMs: 200,
    });
  });
});

describe('AnswerMeter metrics', () => {
  it('takes the provider’s usage as it is, and prices it', () => {
    const { clock, meter: m } = meter();
    clock.now += 150.4;
    m.firstToken();
    clock.now += 500;
    const usage = { inputTokens: 20, outputTokens: 10, cachedTokens: 4 };
    expect(m.finish({ usage, history, content: 'Paris.', retries: 1, price })).toEqual({
      inputTokens: 20,
      outputTokens: 10,
      cachedTokens: 4,
      cost: price(usage),
      ttftMs: 150,
      latencyMs: 650,
      tokensPerSecond: 10 / 0.5,
      retries: 1,
      estimated: false,
    });
  });

  it('estimates the tokens of an answer without usage from its text and prompt, and says so', () => {
    const { clock, meter: m } = meter();
    m.firstToken();
    clock.now += 300;
    const content = 'The capital of France is Paris.';
    const metrics = m.finish({ usage: null, history, content, retries: 0, price });
    // OpenAI's count for chat messages: 3 tokens around each message, 3 priming the reply.
    const inputTokens =
      3 + countTokens('Answer briefly.') + 3 + countTokens('What is the capital of France?') + 3;
    const outputTokens = countTokens(content);
    expect(metrics).toEqual({
      inputTokens,
      outputTokens,
      cachedTokens: 0,
      cost: price({ inputTokens, outputTokens }),
      ttftMs: 0,
      latencyMs: 300,
      tokensPerSecond: outputTokens / 0.3,
      retries: 0,
      estimated: true,
    });
  });

  it('counts nothing for an answer without usage and without text', () => {
    const { clock, meter: m } = meter();
    clock.now += 40;
    expect(m.finish({ usage: null, history, content: '', retries: 2, price })).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cachedTokens: 0,
      cost: null,
      ttftMs: null,
      latencyMs: 40,
      tokensPerSecond: null,
      retries: 2,
      estimated: false,
    });
  });

  it('gives no rate for an answer that streamed too briefly to measure one', () => {
    const { clock, meter: m } = meter();
    m.firstToken();
    clock.now += 4;
    const usage = { inputTokens: 5, outputTokens: 8 };
    expect(m.finish({ usage, history, content: 'Paris.', retries: 0, price }).tokensPerSecond).toBe(
      null,
    );
  });

  it('has no price for a model whose price is unknown', () => {
    const { meter: m } = meter();
    const usage = { inputTokens: 5, outputTokens: 8 };
    expect(m.finish({ usage, history, content: 'x', retries: 0, price: () => null }).cost).toBe(
      null,
    );
  });
});
