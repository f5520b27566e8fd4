import type { ModelInfo } from '@mlb/contracts';
import type { HealthResult, ProviderAdapter, StreamPart, StreamRequest } from '../core/types';

export interface DemoSettings {
  tokensPerSecond: number;
  firstTokenMs: number;
}

const MODELS = [
  { id: 'demo-fast', label: 'Demo fast (simulated)', speed: 2 },
  { id: 'demo-balanced', label: 'Demo balanced (simulated)', speed: 1 },
  { id: 'demo-slow', label: 'Demo slow (simulated)', speed: 0.5 },
];

const OPENINGS = ['Here is a short take', 'A quick answer', 'In brief', 'Let me sketch it'];
const POINTS = [
  'Start from the simplest version that works, then measure before optimizing.',
  'Name the trade-off explicitly: speed, cost and clarity rarely peak together.',
  'Prefer small, composable pieces; each should do one thing well.',
  'Check the edge cases first: empty input, huge input, and failure halfway.',
  'Write the test that would have caught the last bug before fixing it.',
  'Keep state in one place and derive everything else from it.',
  'Document the why, not the what; the code already says what.',
];

/** FNV-1a: a stable seed so the same prompt and model always give the same answer. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function demoAnswer(prompt: string, modelId: string): string {
  let seed = seedOf(`${modelId}\n${prompt}`);
  const next = (n: number) => {
    seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) >>> 0;
    return seed % n;
  };
  const points = [...POINTS].sort(() => next(3) - 1).slice(0, 3 + next(2));
  const topic = prompt.replace(/\s+/g, ' ').trim().slice(0, 80);
  return [
    `> Simulated answer (demo provider, ${modelId}): no real model was called.`,
    '',
    `**${OPENINGS[next(OPENINGS.length)]}** on “${topic}”:`,
    '',
    ...points.map((p, i) => `${i + 1}. ${p}`),
    '',
    '```ts',
    `const answer = ${JSON.stringify(modelId)}; // ${points.length} points`,
    '```',
  ].join('\n');
}

/** Word-sized tokens, whitespace kept with the word before it. */
export function demoTokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

const wordCount = (texts: string[]) => texts.reduce((n, t) => n + (t.match(/\S+/g)?.length ?? 0), 0);

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The built-in offline provider: deterministic, clearly simulated, paced like a real model. */
export function createDemoAdapter(settings: DemoSettings): ProviderAdapter {
  return {
    id: 'demo',
    label: 'Demo (simulated)',
    simulated: true,
    async *stream(request: StreamRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
      const model = MODELS.find((m) => m.id === request.modelId);
      if (!model) {
        const { ProviderError } = await import('../core/provider-error');
        yield { type: 'error', error: new ProviderError('demo', 'bad_request', `The demo provider has no model "${request.modelId}".`, `Pick one of ${MODELS.map((m) => m.id).join(', ')}.`, { status: 404 }) };
        yield { type: 'finish', reason: 'error', providerFinishReason: null };
        return;
      }
      const prompt = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
      const tokens = demoTokens(demoAnswer(prompt, model.id));
      const limit = request.params?.maxTokens ?? Number.POSITIVE_INFINITY;
      const interval = 1000 / (settings.tokensPerSecond * model.speed);
      if (!(await sleep(settings.firstTokenMs, signal))) {
        yield { type: 'finish', reason: 'stopped', providerFinishReason: null };
        return;
      }
      const started = performance.now();
      let sent = 0;
      for (const token of tokens) {
        if (sent >= limit) break;
        // Pace against the clock, not per sleep, so timer jitter does not slow the stream down.
        const due = started + sent * interval - performance.now();
        if ((due > 1 && !(await sleep(due, signal))) || signal.aborted) {
          yield { type: 'finish', reason: 'stopped', providerFinishReason: null };
          return;
        }
        yield { type: 'text-delta', text: token };
        sent += 1;
      }
      yield { type: 'usage', usage: { inputTokens: wordCount(request.messages.map((m) => m.content)), outputTokens: sent } };
      yield { type: 'finish', reason: sent < tokens.length ? 'length' : 'done', providerFinishReason: sent < tokens.length ? 'length' : 'stop' };
    },
    async listModels(): Promise<ModelInfo[]> {
      return MODELS.map((m) => ({ providerId: 'demo', id: m.id, label: m.label, contextWindow: 32_768, inputPricePerMTok: 0, outputPricePerMTok: 0, simulated: true }));
    },
    async health(): Promise<HealthResult> {
      return { ok: true, latencyMs: 0, error: null };
    },
  };
}
