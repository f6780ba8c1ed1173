import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the real CLI in a child process: the package bin when the build is newer than every source
 * file (as after `npm test`'s build step), otherwise from source through tsx — so the tests always
 * exercise the current code, and are fast (no tsx start-up per process) when a build exists.
 */
const SRC = fileURLToPath(new URL('..', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
// tsc -b skips writing outputs whose text did not change, but always rewrites the build info.
const BUILD_INFO = fileURLToPath(new URL('../../tsconfig.tsbuildinfo', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/coreconsent-server.js', import.meta.url));

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsFresh(): boolean {
  return existsSync(BUILT) && existsSync(BUILD_INFO) && statSync(BUILD_INFO).mtimeMs >= newestSourceTime(SRC);
}

const NODE_ARGS = buildIsFresh()
  ? [BIN]
  : [
      '--conditions=@coreitsm/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('../cli/main.ts', import.meta.url)),
    ];

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** Starts `start --port 0` and resolves once it prints its `listening on` line. */
export function startServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [...NODE_ARGS, 'start', '--port', '0', ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^listening on (http:\/\/\S+)$/m.exec(out);
      if (match?.[1]) resolve({ child, url: match[1], exited });
    });
    void exited.then((how) => reject(new Error(`server exited (${String(how)}) before listening: ${err}`)));
  });
}

/**
 * Runs a CLI command without blocking the test process (a long export, say), so the caller can
 * watch the child (its /proc entry) while it works; `done` resolves when it exits.
 */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
  return { child, done };
}
