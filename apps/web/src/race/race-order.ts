/** One runner of the race as the strip knows it: live while it streams, saved once it ended. */
export interface RaceRunner {
  paneId: string;
  /** Only complete answers finish the race (stopped, failed or running ones have no place). */
  complete: boolean;
  /** From the request to the end of the stream: every answer of a turn starts together. */
  latencyMs: number | null;
}

/**
 * The finish order: complete answers by latency, equal latencies sharing a rank (1, 1, 3), as
 * compare.get ranks them, so the live strip and the saved race record agree.
 */
export function finishRanks(runners: readonly RaceRunner[]): Map<string, number> {
  const finished = runners
    .filter((r): r is RaceRunner & { latencyMs: number } => r.complete && r.latencyMs !== null)
    .sort((a, b) => a.latencyMs - b.latencyMs);
  const ranks = new Map<string, number>();
  finished.forEach((runner, i) => {
    const previous = finished[i - 1];
    const tied = previous !== undefined && previous.latencyMs === runner.latencyMs;
    ranks.set(runner.paneId, tied ? (ranks.get(previous.paneId) ?? i + 1) : i + 1);
  });
  return ranks;
}
