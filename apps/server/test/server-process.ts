import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { createClient, type BroadcastClient } from '@mlb/client/node';

const main = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist/main.js');

/** A built server (`dist/main.js`) in its own process, as deployments run it. */
/** The built server's entry point. */
export const BUILT_MAIN = main;

export interface ServerProcess {
  url: string;
  pid: number;
  client: BroadcastClient;
  /** The JSON log lines it wrote so far. */
  logs: { msg?: string; [key: string]: unknown }[];
  /** Sends a signal (SIGKILL: the process dies at once, nothing is saved) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node dist/main.js` with `env` (and PORT 0 unless given) and nothing else of this
 * process's environment; resolves once it listens. `cwd` defaults to this one's.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { cwd?: string } = {},
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', main], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: ServerProcess['logs'] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as ServerProcess['logs'][number];
      logs.push(entry);
      if (entry.msg === 'broadcast workspace listening' && typeof entry.url === 'string')
        done(entry.url);
    });
    child.once('exit', (code) => fail(new Error(`The server exited with ${code}:\n${stderr}`)));
  });
  const client = createClient({ url: `${url}/trpc` });
  return {
    url,
    pid: child.pid!,
    client,
    logs,
    kill: async (signal = 'SIGTERM') => {
      await client.close().catch(() => undefined);
      child.kill(signal);
      await exited;
    },
  };
}
