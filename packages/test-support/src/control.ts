import type { Scenario } from './scenario';

/**
 * Steers a fake running in another process (e.g. Playwright's global setup). Scenario functions
 * do not survive JSON: pass `text` as a string here.
 */
export async function controlFake(
  url: string,
  body: { modelId?: string; scenario: Scenario } | 'reset',
): Promise<void> {
  const response = await fetch(
    body === 'reset' ? `${url}/__control/reset` : `${url}/__control/scenario`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === 'reset' ? '{}' : JSON.stringify(body),
    },
  );
  if (!response.ok) throw new Error(`fake upstream control failed: ${response.status}`);
}

/** What a fake in another process has received (method, path, parsed body), oldest first. */
export async function fakeRequests(
  url: string,
): Promise<{ method: string; path: string; body: unknown }[]> {
  const response = await fetch(`${url}/__control/requests`);
  if (!response.ok) throw new Error(`fake upstream control failed: ${response.status}`);
  return (await response.json()) as { method: string; path: string; body: unknown }[];
}
