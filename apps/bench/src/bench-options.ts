export const PARTS = ['latency', 'fanout', 'load', 'relay', 'workers'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  parts: Set<Part>;
  /** Load levels in sessions (× 4 panes), run on the relay and on one product instance. */
  levels: number[];
  /** Load levels of the WORKERS row. */
  workerLevels: number[];
  /** Exit 1 when a target is missed. */
  check: boolean;
}

export const DEFAULT_LEVELS = [50, 100, 150];
export const DEFAULT_WORKER_LEVELS = [100];

const USAGE =
  'usage: pnpm bench [--only=latency,fanout,load,relay,workers] [--levels=50,100,150] ' +
  '[--worker-levels=100] [--check]';

function sessionsList(flag: string, value: string): number[] {
  const list = value.split(',').map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1 || n > 1000))
    throw new Error(
      `${flag}=${value}: expected sessions per level, e.g. ${flag}=50,100 (1–1000 each)`,
    );
  return list;
}

/** Reads the command line; anything unknown is refused with the usage. */
export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    parts: new Set(PARTS),
    levels: DEFAULT_LEVELS,
    workerLevels: DEFAULT_WORKER_LEVELS,
    check: false,
  };
  for (const arg of argv) {
    const [flag, value = ''] = arg.split(/=(.*)/s, 2) as [string, string?];
    if (flag === '--check' && value === '') options.check = true;
    else if (flag === '--only') {
      const parts = value.split(',');
      const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
      if (unknown.length > 0 || value === '')
        throw new Error(`--only=${value}: expected some of ${PARTS.join(', ')}\n${USAGE}`);
      options.parts = new Set(parts as Part[]);
    } else if (flag === '--levels') options.levels = sessionsList(flag, value);
    else if (flag === '--worker-levels') options.workerLevels = sessionsList(flag, value);
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return options;
}
