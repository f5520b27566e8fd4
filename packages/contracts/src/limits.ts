/** Hard limits the API enforces; the UI reads the same numbers to guide the user before a request fails. */
export const LIMITS = {
  promptMaxChars: 100_000,
  systemPromptMaxChars: 20_000,
  panesPerBroadcast: 16,
  concurrentRunsPerSession: 24,
  titleMaxChars: 200,
  searchMaxChars: 200,
  pageSizeMax: 100,
} as const;
