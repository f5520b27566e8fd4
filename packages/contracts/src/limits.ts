/** Hard limits the API enforces; the UI reads the same numbers to guide the user before a request fails. */
export const LIMITS = {
  promptMaxChars: 100_000,
  systemPromptMaxChars: 20_000,
  panesPerBroadcast: 24,
  /** A full broadcast, with room beside it for fusions and single-pane prompts. */
  concurrentRunsPerSession: 32,
  titleMaxChars: 200,
  searchMaxChars: 200,
  pageSizeMax: 100,
  /** A fusion's (or summary's) instruction. */
  instructionMaxChars: 2_000,
  /** Any budget, in USD. */
  budgetMaxUsd: 100_000,
  /**
   * A session export given back to sessions.import, in characters. The request size limit is
   * derived from the inputs; this keeps it where the largest broadcast puts it.
   */
  importMaxChars: 500_000,
} as const;
