import { broadcast, expect, scenario, test, THREE } from './fixtures';
import { describeStats, frameStats, startFrameTiming, stopFrameTiming } from './frame-timing';
import { longAnswer } from './long-answer';

const MIN_FPS = 30;
/**
 * Input is blocked while a key press waits for the main thread: RAIL's budget for a response that
 * feels immediate is 100 ms. (The time from the press to the paint that shows it is reported too;
 * with software rendering on two shared cores it includes painting six streaming panes.)
 */
const MAX_INPUT_DELAY_MS = 100;
/**
 * Streaming text must grow at the end without rewriting what is already shown: rewriting the whole
 * growing paragraph (1,000 characters here) on every frame made Chromium repaint and composite most
 * of the grid each frame. The last few lines are all that may change.
 */
const MAX_TEXT_REWRITE = 600;

test('six panes streaming at 100 tokens/s each keep the page above 30 fps and typing responsive', async ({ workspace: page, context }, testInfo) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const answer = longAnswer();
  // 4 characters a token, one token every 10 ms: 100 tokens/s for each of the six panes.
  for (const m of THREE) await scenario(m.providerId as 'litellm' | 'google' | 'groq', m.modelId, { text: answer.markdown, chunkSize: 4, tokenDelayMs: 10 });
  // Six panes: each of the three fake-backed models twice.
  await page.evaluate((models) => localStorage.setItem('broadcast.selection', JSON.stringify([...models, ...models])), THREE);
  await page.reload();

  await broadcast(page, 'Frame rate');
  await expect(page.locator('.pane[data-state="streaming"]')).toHaveCount(6);
  await startFrameTiming(page);
  const typed = 'typing while six answers stream';
  await page.getByLabel('Prompt').pressSequentially(typed, { delay: 50 });
  await expect(page.locator('.pane[data-state="streaming"]')).toHaveCount(6);
  await expect(page.locator('.pane[data-state="complete"]')).toHaveCount(6, { timeout: 60_000 });
  const stats = frameStats(await stopFrameTiming(page));

  const figure = `six panes at 100 tok/s: ${describeStats(stats)}`;
  console.log(figure);
  testInfo.annotations.push({ type: 'frame-rate', description: figure });
  expect(stats.seconds, 'frames were recorded while the answers streamed').toBeGreaterThan(5);
  expect(stats.fps).toBeGreaterThanOrEqual(MIN_FPS);
  expect(stats.maxInputDelayMs, 'a key press waited this long for the main thread').toBeLessThanOrEqual(MAX_INPUT_DELAY_MS);
  expect(stats.textRewrites, 'the answers changed while recording').toBeGreaterThan(100);
  expect(stats.longestTextRewrite).toBeLessThanOrEqual(MAX_TEXT_REWRITE);
  await expect(page.getByLabel('Prompt')).toHaveValue(typed);

  // Every pane holds the exact answer: its raw text (what "Copy answer" copies), and each block rendered.
  await expect(page.locator('.pane')).toHaveCount(6);
  for (const [index, answerPane] of (await page.locator('.pane').all()).entries()) {
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await answerPane.getByRole('button', { name: 'Copy answer' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { message: `pane ${index} raw text` }).toBe(answer.markdown);
    const rendered = answerPane.getByTestId('pane-answer');
    await expect(rendered.getByRole('heading', { level: 2 })).toHaveText(answer.headings);
    await expect(rendered.locator('p')).toHaveText(answer.paragraphs);
    await expect(rendered.getByRole('listitem')).toHaveText(answer.items);
    await expect(rendered.locator('pre code.hljs')).toHaveText(answer.code);
  }
});
