import { afterEach, describe, expect, it } from 'vitest';
import { controlFake, startFakeUpstream, type FakeUpstream } from './fake-upstream';
import { collectSse } from './sse';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chat = (f: FakeUpstream, body: object, key = 'k') =>
  fetch(`${f.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });

describe('fake upstreams', () => {
  it('streams OpenAI chunks, the include_usage chunk and [DONE]', async () => {
    fake = await startFakeUpstream({ flavor: 'openai', apiKey: 'k' });
    const events = await collectSse(await chat(fake, { model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi there' }] }));
    expect(events.at(-1)).toBe('[DONE]');
    const parsed = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: { delta: { content?: string } }[]; usage?: { prompt_tokens: number; completion_tokens: number } });
    expect(parsed.map((p) => p.choices[0]?.delta.content ?? '').join('')).toBe('gpt-4o-mini answers: hi there');
    expect(parsed.at(-1)!.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 8 });
  });

  it('puts Groq usage in x_groq and Gemini events behind CRLF separators', async () => {
    fake = await startFakeUpstream({ flavor: 'groq' });
    const groq = await collectSse(await chat(fake, { model: 'llama-3.1-8b-instant', stream: true, messages: [{ role: 'user', content: 'q' }] }));
    expect(JSON.parse(groq.at(-2)!)).toMatchObject({ x_groq: { usage: { prompt_tokens: 1 } } });
    await fake.close();
    fake = await startFakeUpstream({ flavor: 'gemini' });
    const res = await fetch(`${fake.baseUrl}/models/gemini-2.0-flash:streamGenerateContent?alt=sse`, { method: 'POST', body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] }) });
    const raw = await res.text();
    expect(raw).toContain('\r\n\r\n');
    expect(raw).toContain('"finishReason":"STOP"');
  });

  it('fails as scripted, with retry-after, then recovers; rejects a wrong key', async () => {
    fake = await startFakeUpstream({ flavor: 'openai', apiKey: 'k' });
    await controlFake(fake.url, { modelId: 'gpt-4o-mini', scenario: { error: { status: 429, retryAfter: '2', times: 1 } } });
    const limited = await chat(fake, { model: 'gpt-4o-mini', messages: [] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(((await limited.json()) as { error: { type: string } }).error.type).toBe('rate_limit_exceeded');
    expect((await chat(fake, { model: 'gpt-4o-mini', messages: [] })).status).toBe(200);
    expect((await chat(fake, { model: 'gpt-4o-mini', messages: [] }, 'wrong')).status).toBe(401);
  });
});
