import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));

export interface ServerScrape {
  cpuSeconds: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /**
   * One read of the server's own /metrics: CPU seconds used so far (user + system), and its
   * event-loop delay p99 and max since the previous read (each read starts a new window).
   */
  scrape(): Promise<ServerScrape>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The built server in its own process, as users run it: the benchmark's clients and fake
 * upstreams stay in this process, so neither steals the server's event loop.
 */
export async function startServerProcess(
  env: Record<string, string>,
  cwd: string,
): Promise<ServerProcess> {
  if (!existsSync(SERVER_MAIN))
    throw new Error(`${SERVER_MAIN} is missing: run "pnpm build" (pnpm bench does it first).`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_PROFILE_DIR=dir writes a CPU profile of the server (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, SERVER_MAIN], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with code ${child.exitCode} before it was ready`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok || r.status === 503,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    async scrape() {
      const text = await (await fetch(`${url}/metrics`)).text();
      const read = (name: string) =>
        Number(
          /^(\S+) (\S+)$/m.exec(
            text.split('\n').find((l) => l.startsWith(`${name} `)) ?? '',
          )?.[2] ?? NaN,
        );
      return {
        cpuSeconds:
          read('broadcast_process_cpu_user_seconds_total') +
          read('broadcast_process_cpu_system_seconds_total'),
        // prom-client's event-loop histogram is reset by every scrape.
        loopLagP99Ms: read('broadcast_nodejs_eventloop_lag_p99_seconds') * 1000,
        loopLagMaxMs: read('broadcast_nodejs_eventloop_lag_max_seconds') * 1000,
      };
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
