import type { Upstream } from './fake-process';

/** The baseline: a plain client reading the fake upstream's SSE stream itself. */
export async function directStream(
  fake: Pick<Upstream, 'baseUrl'>,
  model: string,
  prompt: string,
): Promise<{ ttft: number; ttlt: number; text: string }> {
  const started = performance.now();
  const response = await fetch(`${fake.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
    body: JSON.stringify({
      model,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: prompt }],
    }),
  });
  if (!response.body) throw new Error(`the fake answered ${response.status} without a body`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let ttft = -1;
  let buffer = '';
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const event of events) {
      const data = event.replace(/^data: /, '');
      if (data === '[DONE]') continue;
      const delta = (JSON.parse(data) as { choices: { delta?: { content?: string } }[] }).choices[0]
        ?.delta?.content;
      if (delta) {
        if (ttft < 0) ttft = performance.now() - started;
        text += delta;
      }
    }
  }
  return { ttft, ttlt: performance.now() - started, text };
}
