import { monitorEventLoopDelay } from 'node:perf_hooks';

/** A process's own CPU and event-loop delay, shaped like a read of the product's /metrics. */
export interface SelfStats {
  cpuSeconds: number;
  rssBytes: number;
  /** Event-loop delay since the previous read (each read starts a new window, like prom-client's). */
  loopLagP99Ms: number;
  loopLagMaxMs: number;
}

/**
 * Starts measuring this process the way the product measures itself (prom-client's default:
 * monitorEventLoopDelay at 10 ms resolution, reset by every scrape); each call of the returned
 * function is one read.
 */
export function startSelfStats(): () => SelfStats {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  return () => {
    const cpu = process.cpuUsage();
    const stats = {
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssBytes: process.memoryUsage.rss(),
      loopLagP99Ms: lag.percentile(99) / 1e6,
      loopLagMaxMs: lag.max / 1e6,
    };
    lag.reset();
    return stats;
  };
}
