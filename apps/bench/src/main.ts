import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { createClient, type BroadcastClient } from '@mlb/client/node';

import { measureAddedLatency } from './added-latency';
import { parseOptions, type BenchOptions } from './bench-options';
import { measureCreateBurst } from './create-burst';
import { startFakeProcess, type FakeProcess, type Upstream } from './fake-process';
import { measureFanOut } from './fan-out';
import type { LevelFigures } from './level-figures';
import {
  LAG_BUDGET_MS,
  largestHeld,
  measureLoad,
  PANES,
  printLoad,
  TOKENS_PER_ANSWER,
} from './load';
import { productTarget, relayTarget, type LoadTarget } from './load-targets';
import { startRelayProcess, type RelayProcess } from './relay/relay-process';
import { prepareScaleOutStore } from './scale-out';
import { startServerProcess, type ServerProcess } from './server-process';
import { fmt } from './stats';
import { checkExitCode, evaluateTargets, printTargets, type BenchFigures } from './targets';

/**
 * pnpm bench: what the workspace adds to an answer, how far one instance and WORKERS=2 go, and
 * what a minimal relay spends on the same work (the floor), side by side in one run. Every
 * measured server runs in its own process, and so does the fake upstream; every client runs here.
 * Everything binds to 127.0.0.1, and every loop is bounded in count and time.
 */
const MODEL = 'gpt-4o-mini';
const API_KEY = 'k';

/** Output of the processes this run starts, and its JSON, go here. */
const RESULTS_DIR = 'bench-results';
const STAMP = new Date().toISOString().replace(/[:.]/g, '-');
const logFile = (name: string) => join(RESULTS_DIR, `bench-${STAMP}-${name}.log`);

function productEnv(fake: Upstream): Record<string, string> {
  return {
    LITELLM_BASE_URL: fake.baseUrl,
    LITELLM_MASTER_KEY: API_KEY,
    OLLAMA_BASE_URL: 'http://127.0.0.1:9',
    DEMO_TOKENS_PER_SECOND: '1000',
    DEMO_FIRST_TOKEN_MS: '0',
    // Every session is a client of its own from 127.0.0.1: lift the per-address cap, and the
    // stream slots, above the largest level so nothing queues.
    LIMIT_CONNECTIONS_PER_ADDRESS: '100000',
    MAX_CONCURRENT_STREAMS: '100000',
  };
}

const loadTitle = (what: string) =>
  `${what}: sessions × ${PANES} panes, ${TOKENS_PER_ANSWER} tokens per answer at 50 tokens/s, broadcasts started over 1 s; ` +
  `each session its own WebSocket client; every server in its own process. CPU: the server's own (user + system) over the level, ` +
  `per token delivered and per event sent. Lag: its event-loop delay p99 (10 ms sampling) while broadcasts start, then while streaming; held = both < ${LAG_BUDGET_MS} ms, every answer exact, and the median stream at ≥ 80 % of its pace (tok/s/stream).`;

async function runWorkers(
  options: BenchOptions,
  fake: Upstream,
  dataDir: string,
  loadFigures: LevelFigures[],
): Promise<NonNullable<BenchFigures['workers']>> {
  const store = await prepareScaleOutStore();
  if ('skipped' in store) {
    console.log(`\nWORKERS=2: skipped, ${store.skipped}`);
    return store;
  }
  const processes = 2;
  let server: ServerProcess | null = null;
  try {
    server = await startServerProcess({ ...productEnv(fake), ...store.env }, dataDir, {
      processes,
      logFile: logFile('workers'),
    });
    const figures = await measureLoad({
      fake,
      targets: [productTarget(`product ×${processes}`, server, MODEL)],
      levels: options.workerLevels,
    });
    // The relay and the one instance at the same levels, for the × relay column and the comparison.
    const same = loadFigures.filter((f) => options.workerLevels.includes(f.sessions));
    printLoad(
      loadTitle(`WORKERS=${processes} (PostgreSQL + Redis) against one instance (SQLite)`),
      [...same, ...figures],
    );
    for (const f of figures)
      console.log(
        `  ${f.sessions}×${PANES} per process: ` +
          f.processes
            .map(
              (p, i) =>
                `#${i + 1} ${p.answers ?? '?'} answers, cpu ${fmt(p.cpuPercent, 0)} %, lag p99 ${fmt(p.startLoopLagP99Ms)}/${fmt(p.streamingLoopLagP99Ms)} ms`,
            )
            .join('; '),
      );
    const one = largestHeld(loadFigures, 'product');
    const many = largestHeld(figures, `product ×${processes}`);
    console.log(
      `\nStreams held: one instance ${one}, WORKERS=${processes} ${many}` +
        (one > 0 ? ` (${fmt(many / one, 2)}×)` : '') +
        '. The primary process (which only hands connections to the workers) is not counted.',
    );
    return { processes, figures };
  } finally {
    await server?.stop();
    await store.drop();
  }
}

/** Names the processes that wrote anything (warnings and errors: LOG_LEVEL=warn), and drops empty logs. */
function reportLogs(): void {
  for (const name of ['server', 'relay', 'workers', 'fake']) {
    const file = logFile(name);
    const size = statSync(file, { throwIfNoEntry: false })?.size;
    if (size === undefined) continue;
    if (size === 0) rmSync(file);
    else {
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n').length;
      console.log(
        `The ${name} process wrote ${lines} lines of warnings or errors: ${join(process.cwd(), file)}`,
      );
    }
  }
}

async function main(options: BenchOptions): Promise<number> {
  const started = performance.now();
  const wanted = (part: Parameters<typeof options.parts.has>[0]) => options.parts.has(part);
  const dataDir = mkdtempSync(join(tmpdir(), 'broadcast-bench-'));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const fake: FakeProcess = await startFakeProcess({
    apiKey: API_KEY,
    model: MODEL,
    logFile: logFile('fake'),
  });
  let server: ServerProcess | null = null;
  let relay: RelayProcess | null = null;
  let client: BroadcastClient | null = null;
  const figures: BenchFigures = {};
  const results: Record<string, unknown> = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      loadAverageAtStart: loadavg(),
    },
    options: { ...options, parts: [...options.parts] },
  };
  try {
    if (wanted('latency') || wanted('fanout') || wanted('load')) {
      server = await startServerProcess(
        { ...productEnv(fake), DATABASE_URL: `file:${join(dataDir, 'bench.db')}` },
        dataDir,
        { logFile: logFile('server') },
      );
      client = createClient({ url: `${server.url}/trpc` });
    }
    if (wanted('relay'))
      relay = await startRelayProcess({
        baseUrl: fake.baseUrl,
        apiKey: API_KEY,
        model: MODEL,
        logFile: logFile('relay'),
      });
    const product = server && productTarget('product', server, MODEL);

    if (wanted('latency')) {
      const added = await measureAddedLatency({ fake, client: client!, model: MODEL });
      results.addedLatency = added;
      figures.addedLatency = added;
      figures.createBurst = await measureCreateBurst({ fake, target: product! });
      results.createBurst = figures.createBurst;
    }
    if (wanted('fanout'))
      results.fanOut = await measureFanOut({ fake, client: client!, model: MODEL });
    if (wanted('load') || wanted('relay')) {
      const targets: LoadTarget[] = [];
      if (relay) targets.push(relayTarget(relay));
      if (wanted('load')) targets.push(product!);
      console.log(
        `\nLoad: ${targets.map((t) => t.name).join(' and ')} at ${options.levels.map((l) => `${l}×${PANES}`).join(', ')}`,
      );
      figures.load = await measureLoad({ fake, targets, levels: options.levels });
      printLoad(loadTitle('Load, the relay baseline and the product side by side'), figures.load);
      for (const t of targets)
        console.log(`Largest level ${t.name} held: ${largestHeld(figures.load, t.name)} streams.`);
      results.load = figures.load;
    }
    // The one-instance servers are idle from here on.
    if (wanted('workers')) {
      figures.workers = await runWorkers(options, fake, dataDir, figures.load ?? []);
      results.workers = figures.workers;
    }

    results.seconds = (performance.now() - started) / 1000;
    console.log(
      `\nRun time ${fmt(results.seconds as number, 0)} s (machine load average now: ${loadavg()
        .map((l) => fmt(l, 1))
        .join(', ')}).`,
    );
    const rows = evaluateTargets(figures);
    printTargets(rows);
    results.targets = rows;
    const file = join(RESULTS_DIR, `bench-${STAMP}.json`);
    writeFileSync(file, JSON.stringify(results, null, 2));
    console.log(`\nJSON written to ${join(process.cwd(), file)}`);
    const exitCode = options.check ? checkExitCode(rows) : 0;
    if (options.check)
      console.log(
        exitCode === 0 ? '--check: every measured target met' : '--check: a target was missed',
      );
    return exitCode;
  } finally {
    await client?.close();
    await server?.stop();
    await relay?.stop();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
    reportLogs();
  }
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
process.exit(await main(options));
