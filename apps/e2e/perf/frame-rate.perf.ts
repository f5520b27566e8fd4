import { broadcast, expect, pane, scenario, test, THREE } from '../tests/fixtures';

declare global {
  interface Window {
    __frames?: number[];
  }
}

test('frame rate with six panes streaming at 100 tokens/s each', async ({ workspace: page }, testInfo) => {
  const text = Array.from({ length: 400 }, (_, i) => `w${(i % 90) + 10}`).join(' ');
  for (const m of THREE) await scenario(m.providerId as 'litellm' | 'google' | 'groq', m.modelId, { text, chunkSize: 4, tokenDelayMs: 10 });
  // Six panes: each of the three fake-backed models twice.
  await page.evaluate((models) => localStorage.setItem('broadcast.selection', JSON.stringify([...models, ...models])), THREE);
  await page.reload();
  await broadcast(page, 'Frame rate');
  await expect(page.locator('.pane[data-state="streaming"]')).toHaveCount(6);
  const frames = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const stamps: number[] = [];
        const start = performance.now();
        const loop = (t: number) => {
          stamps.push(t);
          if (t - start < 2500) requestAnimationFrame(loop);
          else resolve(stamps);
        };
        requestAnimationFrame(loop);
      }),
  );
  await expect(page.locator('.pane[data-state="complete"]')).toHaveCount(6, { timeout: 30_000 });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
  const fps = (frames.length - 1) / ((frames.at(-1)! - frames[0]!) / 1000);
  const p95Gap = gaps[Math.floor(gaps.length * 0.95)]!;
  const figure = `six panes at 100 tok/s: ${fps.toFixed(1)} fps, p95 frame gap ${p95Gap.toFixed(1)} ms over ${frames.length} frames`;
  console.log(figure);
  testInfo.annotations.push({ type: 'frame-rate', description: figure });
  await expect(pane(page, 'litellm', 'gpt-4o-mini').first().getByTestId('pane-answer')).toHaveText(text);
});
