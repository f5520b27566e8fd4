import { broadcast, expect, pane, scenario, test, THREE } from './fixtures';
import { readmeScreenshot } from './screenshots';

/** The README's picture: three models, two turns, answers with Markdown and their meters. */
test('the workspace as the README shows it', async ({ workspace: page }) => {
  await page.evaluate(() => localStorage.setItem('broadcast.theme', 'dark'));
  await page.reload();
  await broadcast(page, 'What is a WebSocket?');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  const answers: Record<string, string> = {
    'gpt-4o-mini':
      'A **WebSocket** keeps one connection open, so the server can push each token the moment it exists:\n\n- no polling\n- one TCP connection\n- messages in both directions',
    'gemini-2.0-flash':
      'Think of it as a phone call instead of letters: after one HTTP *upgrade*, both sides talk freely.\n\n```js\nconst ws = new WebSocket(url);\nws.onmessage = (e) => show(e.data);\n```',
    'llama-3.1-8b-instant':
      'Streaming answers arrive token by token over one long-lived socket, which is why the panes fill in live.',
  };
  for (const m of THREE)
    await scenario(m.providerId as 'litellm' | 'google' | 'groq', m.modelId, {
      text: answers[m.modelId]!,
    });
  await broadcast(page, 'Why does streaming feel faster with one?');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  await page.getByLabel('Prompt').blur();
  await readmeScreenshot(page, 'workspace.png');
});
