import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';

import { EnvError } from '@mlb/config';
import { createLogger } from '@mlb/logger';

import { runPrimary } from './cluster';
import { startServer } from './create-server';
import { loadEnv } from './env';
import { DatabaseStartError } from './open-database';
import { FROM_PRIMARY_ENV } from './primary-connections';

async function main(): Promise<void> {
  // Values already in the environment win over .env, as with every dotenv loader.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  // RELOAD=true: run under Node's watcher so a rebuilt server restarts by itself.
  if (env.server.RELOAD && !process.env.BROADCAST_WATCHED) {
    const child = spawn(process.execPath, ['--watch', ...process.execArgv, process.argv[1]!], {
      stdio: 'inherit',
      env: { ...process.env, BROADCAST_WATCHED: '1' },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const logger = createLogger({
    level: env.server.LOG_LEVEL,
    pretty: env.server.LOG_PRETTY ?? process.stdout.isTTY,
  });
  if (env.server.WORKERS > 1 && cluster.isPrimary)
    return runPrimary(env.server.WORKERS, logger, {
      port: env.server.PORT,
      host: env.server.HOST,
    });
  const fromPrimary = cluster.isWorker && process.env[FROM_PRIMARY_ENV] === '1';
  const server = await startServer(env, logger, { acceptFromPrimary: fromPrimary }).catch(
    (error: unknown) => {
      if (error instanceof DatabaseStartError) logger.fatal(error.message);
      else logger.fatal({ err: error }, 'could not start');
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'signal received');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main();
