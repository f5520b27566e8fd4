import type { Page } from '@playwright/test';

/** What the page recorded while answers streamed. */
export interface FrameTiming {
  /** requestAnimationFrame timestamps. */
  frames: number[];
  /** Input events slower than 16 ms (Event Timing API): delay until their handlers ran, duration until the next paint. */
  inputs: { name: string; delay: number; duration: number }[];
  /** Animation frames longer than 50 ms (Long Animation Frames API). */
  longFrames: number[];
  /** The length each rewritten text node had before it changed: the text the browser lays out and paints again. */
  textRewrites: number[];
  /** The start and end of the longest rewritten text, before and after (to tell which node it was). */
  longestRewrite: { before: string; after: string } | null;
}

declare global {
  interface Window {
    __frameTiming?: FrameTiming & { stop: () => void };
  }
}

/** Starts recording in the page (see FrameTiming) until stopFrameTiming. */
export async function startFrameTiming(page: Page): Promise<void> {
  await page.evaluate(() => {
    let running = true;
    let longest = 0;
    const inputs = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceEventTiming[])
        timing.inputs.push({
          name: e.name,
          delay: e.processingStart - e.startTime,
          duration: e.duration,
        });
    });
    const longFrames = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) timing.longFrames.push(e.duration);
    });
    const mutations = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type !== 'characterData') continue;
        const before = r.oldValue ?? '';
        if (before.length > longest) {
          longest = before.length;
          const after = r.target.textContent ?? '';
          const ends = (s: string) => `${s.slice(0, 30)}…${s.slice(-30)} (${s.length})`;
          timing.longestRewrite = { before: ends(before), after: ends(after) };
        }
        timing.textRewrites.push(before.length);
      }
    });
    const timing: NonNullable<Window['__frameTiming']> = {
      frames: [],
      inputs: [],
      longFrames: [],
      textRewrites: [],
      longestRewrite: null,
      stop: () => {
        running = false;
        inputs.disconnect();
        longFrames.disconnect();
        mutations.disconnect();
      },
    };
    window.__frameTiming = timing;
    inputs.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
    longFrames.observe({ type: 'long-animation-frame' });
    mutations.observe(document.body, {
      subtree: true,
      characterData: true,
      characterDataOldValue: true,
    });
    const loop = (t: number) => {
      timing.frames.push(t);
      if (running) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

export async function stopFrameTiming(page: Page): Promise<FrameTiming> {
  return page.evaluate(() => {
    const { stop, ...timing } = window.__frameTiming!;
    stop();
    return timing;
  });
}

export interface FrameStats {
  fps: number;
  frames: number;
  seconds: number;
  p95GapMs: number;
  maxGapMs: number;
  longFrames: number;
  /** The longest wait of a key press before its handlers ran (the main thread was busy). */
  maxInputDelayMs: number;
  /** The slowest key press, from the press to the next paint showing its effect. */
  maxInputMs: number;
  textRewrites: number;
  longestTextRewrite: number;
  longestRewrite: FrameTiming['longestRewrite'];
}

export function frameStats(timing: FrameTiming): FrameStats {
  const { frames } = timing;
  const gaps = frames
    .slice(1)
    .map((t, i) => t - frames[i]!)
    .sort((a, b) => a - b);
  const seconds = (frames.at(-1)! - frames[0]!) / 1000;
  return {
    fps: (frames.length - 1) / seconds,
    frames: frames.length,
    seconds,
    p95GapMs: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
    maxGapMs: gaps.at(-1) ?? 0,
    longFrames: timing.longFrames.length,
    maxInputDelayMs: Math.max(0, ...timing.inputs.map((e) => e.delay)),
    maxInputMs: Math.max(0, ...timing.inputs.map((e) => e.duration)),
    textRewrites: timing.textRewrites.length,
    longestTextRewrite: Math.max(0, ...timing.textRewrites),
    longestRewrite: timing.longestRewrite,
  };
}

export const describeStats = (s: FrameStats): string =>
  `${s.fps.toFixed(1)} fps over ${s.seconds.toFixed(1)} s (${s.frames} frames), p95 frame gap ${s.p95GapMs.toFixed(1)} ms, longest ${s.maxGapMs.toFixed(1)} ms, ` +
  `${s.longFrames} frames over 50 ms; typing: longest input delay ${s.maxInputDelayMs.toFixed(0)} ms, slowest key to paint ${s.maxInputMs.toFixed(0)} ms; ` +
  `${s.textRewrites} text updates, longest ${s.longestTextRewrite} characters`;
