import type { EndReason, Usage } from '@mlb/contracts';
import {
  ProviderError,
  type HealthResult,
  type ProviderAdapter,
  type StreamPart,
  type StreamRequest,
} from '@mlb/providers';

/*
 * A provider adapter that answers from a script. It keeps the contract the real adapters keep
 * (ProviderAdapter in packages/providers/src/types.ts, as the AI SDK adapter in
 * src/ai-sdk/ai-sdk-adapter.ts and the demo adapter implement it): text deltas, then the usage,
 * then exactly one finish; a failure is an `error` part and a finish with reason `error`; once its
 * signal aborts it sends nothing but a finish with reason `stopped`. Its pauses are timers, so a
 * test with fake timers decides when each part arrives.
 */

/** One step of a scripted attempt. */
export type Step =
  | StreamPart
  /** A pause before the next step. */
  | { type: 'wait'; ms: number }
  /** Nothing more until the request is aborted (a model that thinks forever, a silent socket). */
  | { type: 'hang' };

export interface FakeCall {
  request: StreamRequest;
  signal: AbortSignal;
}

const STOPPED: StreamPart = { type: 'finish', reason: 'stopped', providerFinishReason: null };

export class FakeAdapter implements ProviderAdapter {
  readonly label: string;
  readonly simulated = false;
  /** Every request made to it (one per attempt), with the signal it was given. */
  readonly calls: FakeCall[] = [];
  private readonly attempts: Step[][];

  /** Attempt n plays the n-th script; attempts past the last play the last one again. */
  constructor(
    attempts: Step[][],
    readonly id = 'fake',
  ) {
    if (attempts.length === 0) throw new Error('FakeAdapter needs at least one script');
    this.attempts = attempts;
    this.label = `Fake ${id}`;
  }

  stream(request: StreamRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
    const script = this.attempts[Math.min(this.calls.length, this.attempts.length - 1)]!;
    this.calls.push({ request, signal });
    return play(script, signal);
  }

  async listModels() {
    return [];
  }

  async health(): Promise<HealthResult> {
    return { ok: true, latencyMs: 0, error: null };
  }
}

async function* play(script: Step[], signal: AbortSignal): AsyncGenerator<StreamPart> {
  for (const step of script) {
    if (step.type === 'wait') await pause(step.ms, signal);
    else if (step.type === 'hang') await pause(Number.POSITIVE_INFINITY, signal);
    if (signal.aborted) {
      yield STOPPED;
      return;
    }
    if (step.type !== 'wait' && step.type !== 'hang') yield step;
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    signal.addEventListener('abort', done, { once: true });
  });
}

export interface AnswerScript {
  /** Before the first delta. */
  firstTokenMs?: number;
  /** Between two deltas. */
  gapMs?: number;
  /** The provider's usage, sent before the finish; none when absent (e.g. no `include_usage`). */
  usage?: Usage;
  reason?: EndReason;
  /** The provider's own word for it, as OpenAI's `finish_reason`. */
  providerFinishReason?: string | null;
  /** Instead of a finish, the stream stops here until it is aborted. */
  hang?: boolean;
}

/** An answer streamed as `deltas`, ending the way the provider says. */
export function answer(deltas: string[], script: AnswerScript = {}): Step[] {
  const steps: Step[] = [];
  if (script.firstTokenMs) steps.push({ type: 'wait', ms: script.firstTokenMs });
  deltas.forEach((text, i) => {
    if (i > 0 && script.gapMs) steps.push({ type: 'wait', ms: script.gapMs });
    steps.push({ type: 'text-delta', text });
  });
  if (script.hang) return [...steps, { type: 'hang' }];
  if (script.usage) steps.push({ type: 'usage', usage: script.usage });
  const reason = script.reason ?? 'done';
  steps.push({
    type: 'finish',
    reason,
    providerFinishReason:
      script.providerFinishReason === undefined
        ? openAiFinishReason(reason)
        : script.providerFinishReason,
  });
  return steps;
}

const openAiFinishReason = (reason: EndReason): string | null =>
  reason === 'done' ? 'stop' : reason === 'length' || reason === 'content_filter' ? reason : null;

/** A failed request as an adapter reports it: the error, then a finish with reason `error`. */
export function failure(error: ProviderError, after: Step[] = []): Step[] {
  return [
    ...after,
    { type: 'error', error },
    { type: 'finish', reason: 'error', providerFinishReason: null },
  ];
}

/*
 * Errors as the providers' error mapping (packages/providers/src/errors/from-status.ts) makes them
 * from real responses; the quoted texts are the providers' documented error messages.
 */

/** OpenAI's 429 (platform.openai.com/docs/guides/error-codes), with its retry-after header. */
export const rateLimited = (retryAfterMs: number) =>
  new ProviderError(
    'fake',
    'rate_limit',
    'Fake is rate limiting requests (429): Rate limit reached for requests',
    `Fake asked to wait ${Math.ceil(retryAfterMs / 1000)} s; retry after that, or run fewer panes on this provider at once.`,
    { status: 429, retryAfterMs },
  );

/** Anthropic's 529 overloaded_error (docs.anthropic.com/en/api/errors), with a retry-after header. */
export const overloaded = (retryAfterMs: number) =>
  new ProviderError(
    'fake',
    'upstream_unavailable',
    'Fake is unavailable right now (529): Overloaded',
    'Retry in a moment; the other providers are unaffected.',
    { status: 529, retryAfterMs },
  );

/** OpenAI's 401 for a wrong key. */
export const badKey = () =>
  new ProviderError(
    'fake',
    'authentication',
    'Fake rejected the credentials (401): Incorrect API key provided.',
    'Check FAKE_API_KEY.',
    { status: 401 },
  );

/** A connection dropped mid-answer (undici's "terminated"). */
export const dropped = () =>
  new ProviderError(
    'fake',
    'network',
    'Fake closed the connection: terminated',
    'Retry the pane; the text received so far is kept.',
  );
