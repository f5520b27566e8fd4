import { describe, expect, it } from 'vitest';

import { DEFAULT_LEVELS, parseOptions, PARTS } from './bench-options';

describe('pnpm bench options', () => {
  it('runs every part at the default levels without a check', () => {
    const o = parseOptions([]);
    expect([...o.parts]).toEqual([...PARTS]);
    expect(o.levels).toEqual(DEFAULT_LEVELS);
    expect(o.check).toBe(false);
  });

  it('reads parts, levels and --check', () => {
    const o = parseOptions([
      '--only=load,relay',
      '--levels=10,25',
      '--worker-levels=120',
      '--check',
    ]);
    expect([...o.parts]).toEqual(['load', 'relay']);
    expect(o.levels).toEqual([10, 25]);
    expect(o.workerLevels).toEqual([120]);
    expect(o.check).toBe(true);
  });

  it('refuses an unknown part, a bad level or an unknown option, naming what it expects', () => {
    expect(() => parseOptions(['--only=lod'])).toThrow(
      '--only=lod: expected some of latency, fanout, load, relay, workers',
    );
    expect(() => parseOptions(['--levels=10,x'])).toThrow(
      '--levels=10,x: expected sessions per level',
    );
    expect(() => parseOptions(['--level=10'])).toThrow('unknown option --level=10');
  });
});
