import { ProviderError } from '../errors/provider-error';
import { mapStream } from '../stream/map-stream';
import type { ProviderAdapter, StreamPart } from '../types';

type Scrub = (text: string) => string;

/** The same error with secrets removed from what it says; the raw cause (an upstream body) is dropped. */
function scrubError(error: ProviderError, scrub: Scrub): ProviderError {
  return new ProviderError(
    error.providerId,
    error.kind,
    scrub(error.message),
    scrub(error.suggestion),
    {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      retryable: error.retryable,
    },
  );
}

function scrubThrown(error: unknown, scrub: Scrub): Error {
  if (error instanceof ProviderError) return scrubError(error, scrub);
  return new Error(scrub(error instanceof Error ? error.message : String(error)));
}

function scrubPart(part: StreamPart, scrub: Scrub): StreamPart {
  if (part.type === 'error') return { ...part, error: scrubError(part.error, scrub) };
  if (part.type === 'retry') return { ...part, error: scrubError(part.error, scrub) };
  return part;
}

/**
 * An adapter whose every error text (stream errors and retries, model-list failures, health
 * errors) has the configured secrets removed, so an upstream that echoes a key in its error body
 * cannot get it shown in a pane, saved with a message or written to the log.
 */
export function scrubbedAdapter(adapter: ProviderAdapter, scrub: Scrub): ProviderAdapter {
  return {
    id: adapter.id,
    label: adapter.label,
    simulated: adapter.simulated,
    // Adapters report failures as parts; one that throws anyway is scrubbed all the same.
    stream: (request, signal) =>
      mapStream(
        adapter.stream(request, signal),
        (part) => scrubPart(part, scrub),
        (error) => scrubThrown(error, scrub),
      ),
    async listModels(signal) {
      try {
        return await adapter.listModels(signal);
      } catch (error) {
        throw scrubThrown(error, scrub);
      }
    },
    async health(signal) {
      const result = await adapter.health(signal);
      return result.error === null ? result : { ...result, error: scrub(result.error) };
    },
  };
}
