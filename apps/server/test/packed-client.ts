import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../packages/client');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is returned, not thrown, so tests can assert on it. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs = 120_000,
): Promise<Run> {
  return new Promise((done, fail) => {
    execFile(
      command,
      args,
      { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          fail(new Error(`${command} did not run to its end`, { cause: error }));
        else done({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

function ok(result: Run, what: string): Run {
  if (result.code !== 0)
    throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/**
 * A TypeScript project outside the workspace that installs `@mlb/client` from its tarball, as
 * another team would: nothing of the monorepo is reachable from it.
 */
export interface ConsumerProject {
  dir: string;
  tarball: string;
  /** The package.json inside the tarball. */
  manifest: PackedManifest;
  /** Every file the tarball installed, relative to the package root. */
  files: string[];
  typecheck: () => Promise<Run>;
  /** Runs the compiled consumer program against a server. */
  start: (trpcUrl: string) => Promise<Run>;
  remove: () => void;
}

export interface PackedManifest {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** `pnpm pack` (its prepack script builds the package first), then `npm install` the tarball. */
export async function createConsumerProject(
  sources: Record<string, string>,
): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), 'mlb-client-consumer-'));
  const packDir = join(dir, 'tarball');
  mkdirSync(packDir);
  ok(await run('pnpm', ['pack', '--pack-destination', packDir], clientDir), 'pnpm pack');
  const tarball = join(
    packDir,
    readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
  );

  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'client-consumer', private: true, type: 'module' }),
  );
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG, null, 2));
  for (const [name, text] of Object.entries(sources)) writeFileSync(join(project, name), text);
  // @types/node at the workspace's version, so npm's cache usually answers without the network.
  const typesNode = (
    JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('@types/node/package.json'), 'utf8'),
    ) as { version: string }
  ).version;
  ok(
    await run(
      'npm',
      [
        'install',
        tarball,
        `@types/node@${typesNode}`,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        '--ignore-scripts',
        '--loglevel=error',
      ],
      project,
    ),
    'npm install',
  );
  const installed = join(project, 'node_modules/@mlb/client');
  return {
    dir: project,
    tarball,
    manifest: JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as PackedManifest,
    files: readdirSync(installed, { recursive: true, encoding: 'utf8' }),
    // The workspace's compiler; its module resolution starts from the scratch project's files.
    typecheck: () => run(process.execPath, [tsc, '--project', 'tsconfig.json'], project),
    start: (trpcUrl) => run(process.execPath, ['out/main.js', trpcUrl], project, 30_000),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A strict Node ESM project; lib checking on, so the shipped declarations must stand alone. */
const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: false,
    types: ['node'],
    outDir: 'out',
  },
  include: ['*.ts'],
};
