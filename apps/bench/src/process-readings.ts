/** One read of one server process's own figures. */
export interface ProcessReading {
  /** The product's instance id, or "relay". */
  instance: string;
  /** CPU seconds used since the process started (user + system). */
  cpuSeconds: number;
  rssBytes: number;
  /** Event-loop delay since the previous read of this process (each read starts a new window). */
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  /** The product's counters (null for the relay). */
  databaseWrites: number | null;
  answersFinished: number | null;
}

/** What a target's processes did between two reads, summed over processes (lag: the worst). */
export interface WindowFigures {
  cpuSeconds: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  rssBytes: number;
  databaseWrites: number | null;
  answersFinished: number | null;
  /** Each process's own share (several with WORKERS). */
  processes: {
    instance: string;
    cpuSeconds: number;
    loopLagP99Ms: number;
    /** Answers it finished in the window (null for the relay): how the load was shared. */
    answersFinished: number | null;
  }[];
}

function metricValue(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.slice(name.length + 1).trim());
}

/** Reads the product's Prometheus text (prom-client's default metrics, prefixed `broadcast_`). */
export function readProductMetrics(text: string): ProcessReading {
  const instance = /^broadcast_instance_info\{[^}]*\binstance="([^"]+)"/m.exec(text)?.[1];
  if (!instance) throw new Error('the /metrics text has no broadcast_instance_info{instance=…}');
  const read = (name: string) => metricValue(text, `broadcast_${name}`);
  return {
    instance,
    cpuSeconds: read('process_cpu_user_seconds_total') + read('process_cpu_system_seconds_total'),
    rssBytes: read('process_resident_memory_bytes'),
    loopLagP99Ms: read('nodejs_eventloop_lag_p99_seconds') * 1000,
    loopLagMaxMs: read('nodejs_eventloop_lag_max_seconds') * 1000,
    databaseWrites: read('database_writes'),
    answersFinished: read('answers_finished'),
  };
}

/**
 * Reads until every one of `processes` has answered once: with several processes on one port each
 * new connection reaches the next one, so a read names its process by instance. The first read
 * of each counts (a repeated one would only cut that process's next lag window short).
 */
export async function readEveryProcess(
  readOne: () => Promise<ProcessReading>,
  processes: number,
  maxReads = processes * 10,
): Promise<ProcessReading[]> {
  const seen = new Map<string, ProcessReading>();
  for (let i = 0; i < maxReads && seen.size < processes; i += 1) {
    const reading = await readOne();
    if (!seen.has(reading.instance)) seen.set(reading.instance, reading);
  }
  if (seen.size < processes)
    throw new Error(
      `only ${seen.size} of ${processes} server processes answered /metrics in ${maxReads} reads`,
    );
  return [...seen.values()];
}

const sumOrNull = (values: (number | null)[]) =>
  values.some((v) => v === null) ? null : values.reduce<number>((n, v) => n + v!, 0);

/**
 * The window between two reads of the same processes: CPU and counters as differences, lag as
 * read at the end (it covers the window already), memory as at the end.
 */
export function windowBetween(before: ProcessReading[], after: ProcessReading[]): WindowFigures {
  const start = new Map(before.map((r) => [r.instance, r]));
  const pairs = after.map((end) => {
    const begin = start.get(end.instance);
    if (!begin)
      throw new Error(
        `server process ${end.instance} was not there at the window's start (did one restart?)`,
      );
    return { begin, end };
  });
  const diff = (pick: (r: ProcessReading) => number | null) =>
    sumOrNull(
      pairs.map(({ begin, end }) => {
        const [a, b] = [pick(begin), pick(end)];
        return a === null || b === null ? null : b - a;
      }),
    );
  return {
    cpuSeconds: diff((r) => r.cpuSeconds)!,
    loopLagP99Ms: Math.max(...after.map((r) => r.loopLagP99Ms)),
    loopLagMaxMs: Math.max(...after.map((r) => r.loopLagMaxMs)),
    rssBytes: after.reduce((n, r) => n + r.rssBytes, 0),
    databaseWrites: diff((r) => r.databaseWrites),
    answersFinished: diff((r) => r.answersFinished),
    processes: pairs.map(({ begin, end }) => ({
      instance: end.instance,
      cpuSeconds: end.cpuSeconds - begin.cpuSeconds,
      loopLagP99Ms: end.loopLagP99Ms,
      answersFinished:
        end.answersFinished === null || begin.answersFinished === null
          ? null
          : end.answersFinished - begin.answersFinished,
    })),
  };
}

/** A figure added up over a read of every process. */
export function sumReadings(
  readings: ProcessReading[],
  pick: (r: ProcessReading) => number,
): number {
  return readings.reduce((n, r) => n + pick(r), 0);
}
