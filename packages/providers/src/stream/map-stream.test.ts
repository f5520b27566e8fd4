import { describe, expect, it } from 'vitest';

import { mapStream } from './map-stream';

async function* numbers(fail?: Error): AsyncGenerator<number> {
  try {
    yield 1;
    yield 2;
    if (fail) throw fail;
    yield 3;
  } finally {
    closed.push('source');
  }
}
const closed: string[] = [];

describe('mapStream', () => {
  it('maps every part in order and ends with its source', async () => {
    const out: number[] = [];
    for await (const n of mapStream(
      numbers(),
      (n) => n * 10,
      (e) => e,
    ))
      out.push(n);
    expect(out).toEqual([10, 20, 30]);
  });

  it('replaces what the source throws', async () => {
    const out: number[] = [];
    const read = async () => {
      for await (const n of mapStream(
        numbers(new Error('secret-key leaked')),
        (n) => n,
        (e) => new Error((e as Error).message.replace('secret-key', '[redacted]')),
      ))
        out.push(n);
    };
    await expect(read()).rejects.toThrow('[redacted] leaked');
    expect(out).toEqual([1, 2]);
  });

  it('closes its source when the reader stops early', async () => {
    closed.length = 0;
    for await (const n of mapStream(
      numbers(),
      (n) => n,
      (e) => e,
    ))
      if (n === 1) break;
    expect(closed).toEqual(['source']);
  });
});
