import type { ErrorKind } from '@mlb/contracts';

/** What a provider's errors need to say who failed and what to change. */
export interface ErrorContext {
  providerId: string;
  label: string;
  /** What to do about rejected credentials, e.g. "Check GROQ_API_KEY in .env and restart the server." */
  fixCredentials: string;
  /** What to do when the provider cannot be reached, e.g. "Check that GROQ_BASE_URL … is reachable." */
  fixConnection: string;
  /** What to do when the provider lists no model that can chat, e.g. "Pull a model: ollama pull llama3.2". */
  fixModels?: string;
  /** Provider-specific reading of an error body (Gemini's RetryInfo, a bad key sent as a 400…). */
  readErrorBody?: (status: number, body: unknown) => ErrorBodyHints | null;
}

export interface ErrorBodyHints {
  kind?: ErrorKind;
  retryAfterMs?: number;
}
