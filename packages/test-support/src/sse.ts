/** Reads a streamed response body and splits it into SSE `data:` payloads (either line ending). */
export async function collectSse(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split(/\r?\n\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n'),
    )
    .filter((data) => data !== '');
}
