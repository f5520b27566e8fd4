import { broadcast, expect, pane, scenario, test, THREE } from './fixtures';

/** Paced fakes: gpt-4o-mini is fastest, llama-3.1-8b-instant slowest, each a few seconds long. */
const PACE = {
  'gpt-4o-mini': 30,
  'gemini-2.0-flash': 60,
  'llama-3.1-8b-instant': 110,
} as const;

test('the race strip shows live figures while answers stream, then the finish order', async ({
  workspace: page,
}) => {
  const text = 'One two three four five six seven eight nine ten eleven twelve thirteen fourteen.';
  for (const m of THREE)
    await scenario(m.providerId as 'litellm' | 'google' | 'groq', m.modelId, {
      text,
      chunkSize: 3,
      firstTokenDelayMs: 50,
      tokenDelayMs: PACE[m.modelId as keyof typeof PACE],
    });
  await broadcast(page, 'Race me');
  const race = page.getByRole('region', { name: 'Race', exact: true });
  const lane = (providerId: string, modelId: string) =>
    race.getByRole('listitem', { name: `${providerId} / ${modelId}` });
  const slow = lane('groq', 'llama-3.1-8b-instant');

  // While the slowest one streams: its time to first token, speed and cost so far, live.
  await expect(race.getByRole('heading')).toHaveText('Race');
  await expect(slow).toHaveAttribute('data-state', 'streaming');
  await expect(slow.getByTestId('race-ttft')).toHaveText(/^TTFT \d+ ms$/);
  await expect(slow.getByTestId('race-rate')).toHaveText(/^\d+\.\d tok\/s$/);
  await expect(slow.getByTestId('race-cost')).toHaveText(/^\$\d/);
  const rateWhileStreaming = await slow.getByTestId('race-rate').textContent();
  expect(await slow.getByTestId('race-rank').textContent()).toBe('…');
  // The fastest finishes while the slowest still streams: 1st already.
  await expect(lane('litellm', 'gpt-4o-mini').getByTestId('race-rank')).toHaveText('1st');
  await expect(slow).toHaveAttribute('data-state', 'streaming');

  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  // After the turn: the race record, in finishing order by latency.
  await expect(race.getByRole('heading')).toHaveText('Race record');
  await expect(lane('litellm', 'gpt-4o-mini').getByTestId('race-rank')).toHaveText('1st');
  await expect(lane('google', 'gemini-2.0-flash').getByTestId('race-rank')).toHaveText('2nd');
  await expect(slow.getByTestId('race-rank')).toHaveText('3rd');
  await expect(slow.getByTestId('race-latency')).toHaveText(/^in (\d+ ms|\d\.\d\d s)$/);
  expect(rateWhileStreaming).toMatch(/tok\/s/);

  // It stays with the session: the same record after a reload.
  await page.reload();
  await expect(race.getByRole('heading')).toHaveText('Race record');
  await expect(lane('litellm', 'gpt-4o-mini').getByTestId('race-rank')).toHaveText('1st');
  await expect(lane('google', 'gemini-2.0-flash').getByTestId('race-rank')).toHaveText('2nd');
  await expect(slow.getByTestId('race-rank')).toHaveText('3rd');
  await expect(slow.getByTestId('race-ttft')).toHaveText(/^TTFT \d+ ms$/);
  await expect(slow.getByTestId('race-rate')).toHaveText(/^\d+\.\d tok\/s$/);
});
