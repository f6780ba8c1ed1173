import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerApi, serverApi } from './server-api.js';

const SERVER_BIN = fileURLToPath(new URL('../../server/bin/coreconsent-server.js', import.meta.url));
/** Cold start of the built server (migrations on a new SQLite file) takes well under a second; 20 s bounds a hung start. */
const START_TIMEOUT_MS = 20_000;

export interface ConsentServerOptions {
  /** Origins for ALLOWED_ORIGINS (CORS). Read at each (re)start. */
  readonly allowedOrigins: () => readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** The real consent server as a child process on a temporary SQLite file. */
export interface ConsentServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (stable across `stop()`/`start()`). */
  readonly url: string;
  readonly port: number;
  readonly adminToken: string;
  readonly dbFile: string;
  readonly api: ServerApi;
  readonly running: boolean;
  /** Output so far (stdout and stderr), for failure messages. */
  readonly output: () => string;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s). The database file stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and database (the "server back up" half of offline tests). */
  start(): Promise<void>;
  /** Stops it and deletes its temporary folder. */
  dispose(): Promise<void>;
}

function launch(port: number, dbFile: string, env: NodeJS.ProcessEnv, log: (text: string) => void) {
  const child = spawn(process.execPath, [SERVER_BIN, 'start', '--port', String(port), '--db', dbFile], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const listening = new Promise<string>((resolveUrl, fail) => {
    let buffered = '';
    const timer = setTimeout(
      () => fail(new Error(`consent server did not start in ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log(text);
      buffered += text;
      const match = /listening on (http:\/\/\S+)/.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`consent server exited before listening (code ${code}, signal ${signal})`));
    });
  });
  return { child, listening };
}

/**
 * Starts `server/bin/coreconsent-server.js start --port 0 --db <temp file>` and resolves once it
 * prints `listening on …`.
 *
 * @example
 * const server = await startConsentServer({ allowedOrigins: () => ['http://localhost:8081'] });
 * const { token } = await server.api.createSubject();
 * await server.dispose();
 */
export async function startConsentServer(options: ConsentServerOptions): Promise<ConsentServer> {
  const folder = mkdtempSync(join(tmpdir(), 'coreconsent-e2e-'));
  const dbFile = join(folder, 'consent.db');
  const adminToken = `e2e-admin-${randomBytes(16).toString('hex')}`;
  let output = '';
  const log = (text: string) => {
    output = (output + text).slice(-20_000);
  };
  const env = () => ({
    ...process.env,
    ...options.env,
    ADMIN_TOKEN: adminToken,
    ALLOWED_ORIGINS: options.allowedOrigins().join(','),
  });
  let child: ChildProcess | null = null;
  const first = launch(0, dbFile, env(), log);
  child = first.child;
  const url = await first.listening.catch((error: Error) => {
    throw new Error(`${error.message}\n${output}`);
  });
  const port = Number(new URL(url).port);

  const stop = async () => {
    const current = child;
    child = null;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise<void>((done) => current.once('exit', () => done()));
    current.kill('SIGTERM');
    const timer = setTimeout(() => current.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url,
    port,
    adminToken,
    dbFile,
    api: serverApi(url, adminToken),
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    output: () => output,
    stop,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return; // already up
      child = null;
      const next = launch(port, dbFile, env(), log);
      child = next.child;
      await next.listening.catch((error: Error) => {
        throw new Error(`restart on port ${port}: ${error.message}\n${output}`);
      });
    },
    async dispose() {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
