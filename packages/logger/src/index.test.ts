import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLogger } from './index';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines at or above the configured level, with child ids', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', destination });
    logger.info('hidden');
    logger.child({ paneId: 'p1' }).warn({ attempt: 2 }, 'retrying');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'retrying',
      paneId: 'p1',
      attempt: 2,
      name: 'broadcast',
    });
  });

  it('redacts credentials', () => {
    const { lines, destination } = capture();
    createLogger({ destination }).info({ provider: { apiKey: 'sk-secret' } }, 'configured');
    expect(JSON.stringify(lines[0])).not.toContain('sk-secret');
  });
});
