import type { IncomingHttpHeaders } from 'node:http';

import type { ScenarioUsage } from '../scenario';

/** One answer to stream: what the wire frames are built from. */
export interface StreamPlan {
  id: string;
  modelId: string;
  chunks: string[];
  usage: ScenarioUsage;
  /** The request asked for a usage chunk (OpenAI's `stream_options.include_usage`). */
  includeUsage: boolean;
  /** The provider-native finish reason to report; each flavor has its own default. */
  finishReason: string | undefined;
}

/** A streamed answer as the provider frames it: opening events, one per chunk, closing events. */
export interface Frames {
  open: string[];
  chunk: (text: string) => string;
  close: string[];
}

export interface JsonRoute {
  /** The JSON answer. */
  body: unknown;
  /** When set, answers instead of `body`, from the request's URL. */
  page?: (url: URL) => unknown;
  /** Answered without checking the key (health probes, version). */
  public?: boolean;
}

export interface RequestView {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** Everything that differs between providers' APIs, as a fake needs it. */
export interface FlavorSpec {
  /** Where the API lives under the origin: what the product's *_BASE_URL ends with. */
  prefix: string;
  /** The model ids of the recorded model list the fake serves by default (chat and non-chat). */
  recordedModels: string[];
  /** The key a request presents (bearer, x-api-key, x-goog-api-key or ?key=), '' when none. */
  presentedKey: (request: RequestView, url: URL) => string;
  /** The provider's own error body for a status. */
  errorBody: (status: number, message: string, retryAfter?: string) => unknown;
  /** The model a streaming request is for; null when the request is not a stream request. */
  streamTarget: (request: RequestView) => string | null;
  /** A request the real API would refuse before looking at the model (missing version header…). */
  rejects?: (request: RequestView) => { status: number; message: string } | null;
  /** Every message's text, and the last user turn's. */
  readMessages: (body: unknown) => { all: string[]; prompt: string };
  includeUsage: (body: unknown) => boolean;
  frames: (plan: StreamPlan) => Frames;
  /**
   * JSON routes keyed by `METHOD /path`. `models` null: the recorded model list as the provider
   * sent it; else entries for those ids, each shaped like a recorded chat model's entry.
   */
  routes: (models: string[] | null) => Record<string, JsonRoute>;
  /** The provider's answer to a refused key, as it really words it (some echo part of the key). */
  unauthorized: (presentedKey: string) => { status: number; body: unknown };
}

export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The `text` field of a content part, when it is a string. */
export function textOf(part: unknown): string {
  const text = asRecord(part).text;
  return typeof text === 'string' ? text : '';
}

/** Text of an OpenAI- or Anthropic-style `content`: a string or an array of text parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (typeof part === 'string' ? part : textOf(part))).join('');
}
