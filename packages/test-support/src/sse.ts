/** Splits an SSE body into its events' `data:` payloads; events may be separated by LF or CRLF pairs. */
export function parseSse(text: string): string[] {
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

/** Reads a streamed response to its end and returns its events' `data:` payloads. */
export async function collectSse(response: Response): Promise<string[]> {
  return parseSse(await response.text());
}

/** The raw byte chunks of a response body as the network delivered them. */
export async function collectChunks(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  if (!response.body) return chunks;
  // A reader rather than for-await: under the DOM lib (Playwright) ReadableStream is not AsyncIterable.
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    const result = await reader.read();
    if (result.done) return chunks;
    chunks.push(result.value);
  }
}
