import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
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
 * GET over a connection of its own (no keep-alive pool): with several processes sharing a port,
 * each read then reaches the next process in turn.
 */
export function getText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (piece: string) => (body += piece));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** BENCH_PROFILE_DIR=dir: every measured process writes a CPU profile there (open it in Chrome DevTools). */
export function profileFlags(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

export interface Child {
  process: ChildProcess;
  /** Polls `ready` every 100 ms until it holds, the child exits, or 60 s pass. */
  waitUntil(ready: () => Promise<boolean>, what: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A process of the benchmark's own, started with a clean environment and stopped with SIGTERM.
 * Its output goes to `logFile`, so a server's warnings under load do not bury the tables.
 */
export function startChild(
  args: string[],
  options: { cwd: string; env: Record<string, string>; logFile: string },
): Child {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    async waitUntil(ready, what) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null)
          throw new Error(
            `${what} exited with code ${child.exitCode} before it was ready (see ${options.logFile})`,
          );
        if (await ready().catch(() => false)) return;
        if (Date.now() > deadline)
          throw new Error(`${what} was not ready within 60 s (see ${options.logFile})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
