import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

import type { RuntimeStats } from '@mlb/contracts';

/**
 * Event-loop delay over recent windows (5 s each): read() reports the worse of the window in
 * progress and the last complete one, so a figure reflects the last 5 to 10 s rather than the
 * whole uptime, where long idle stretches would hide a busy minute. It is the figure that tells
 * when one instance is full.
 */
class LoopLagMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private last: { p50: number; p99: number } | null = null;
  private readonly rotation: NodeJS.Timeout;

  constructor(windowMs = 5000) {
    this.histogram.enable();
    this.rotation = setInterval(() => {
      this.last = this.current();
      this.histogram.reset();
    }, windowMs);
    this.rotation.unref();
  }

  read(): { p50: number; p99: number } {
    const now = this.current();
    if (!this.last) return now;
    return { p50: Math.max(now.p50, this.last.p50), p99: Math.max(now.p99, this.last.p99) };
  }

  stop(): void {
    clearInterval(this.rotation);
    this.histogram.disable();
  }

  private current(): { p50: number; p99: number } {
    if (this.histogram.count === 0) return { p50: 0, p99: 0 };
    return { p50: this.histogram.percentile(50) / 1e6, p99: this.histogram.percentile(99) / 1e6 };
  }
}

export interface RuntimeProbe {
  read: () => RuntimeStats;
  stop: () => void;
}

/** What the process measures about itself: open sockets, memory and event-loop delay. */
export function createRuntimeProbe(activeConnections: () => number): RuntimeProbe {
  const lag = new LoopLagMonitor();
  return {
    read: () => {
      const memory = process.memoryUsage();
      return {
        activeConnections: activeConnections(),
        memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
        eventLoopLagMs: lag.read(),
      };
    },
    stop: () => lag.stop(),
  };
}
