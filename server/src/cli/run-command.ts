import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from '../app.js';
import { parsePin, type RootPin } from '../audit/pinned-root.js';
import { startRootSealer } from '../audit/root-sealer.js';
import { type AuditVerifyReport, verifyAudit } from '../audit/verify-audit.js';
import { ConfigError, checkStartConfig, configFromEnv } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { jsonLogger, silentLogger } from '../ops/logger.js';
import { createMetrics } from '../ops/metrics.js';
import { loadSigningKey, rotateSigningKey } from '../receipts/receipt-keys.js';
import { purge } from '../retention/purge.js';
import { exportSubject } from './export-subject.js';
import type { CliOptions } from './parse-cli.js';
import { USAGE } from './usage.js';

function verifyMessage(result: AuditVerifyReport, root: string): string {
  const read = `${result.entries} entries read`;
  if (result.ok)
    return `audit log ok: ${result.entries} entries in ${result.chains} chains, ${result.roots} signed roots, ${root}`;
  if (result.pinnedRoot) return `audit log does not hold the expected root: ${result.pinnedRoot}`;
  if (result.firstBadRecord) {
    const bad = result.firstBadRecord;
    return `audit log does not match the data: ${bad.table} ${bad.id} ${bad.problem} (${read})`;
  }
  if (result.badRoot && result.firstBadEntry === undefined)
    return `audit root ${result.badRoot.seq} fails: ${result.badRoot.problem} (${read})`;
  const under = result.badRoot ? ` (not what signed root ${result.badRoot.seq} names)` : '';
  return `audit log broken at chain ${result.chain} entry ${result.firstBadEntry}${under} (${read})`;
}

/** --expect-root: a bare hash, else a file holding a printed root line; anything else is a usage error (exit 2). */
function readPin(value: string): RootPin {
  let pin = parsePin(value);
  if (pin) return pin;
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`--expect-root "${value}" is neither a root hash nor a readable file (${code})`);
  }
  pin = parsePin(text);
  if (!pin) throw new ConfigError(`--expect-root: ${value} holds no "root SEQ HASH" line`);
  return pin;
}

/** Runs one command; resolves to the exit code (start resolves only when the server stops). */
export async function runCommand(options: CliOptions): Promise<number> {
  if (options.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = configFromEnv();
  if (options.command === 'start') checkStartConfig(config);
  // Before the database is opened: a pin that cannot be read is a usage error, whatever the log holds.
  const pin = options.expectRoot === undefined ? undefined : readPin(options.expectRoot);
  const opened = await openDatabase(options.db, { poolMax: config.pgPoolMax });
  try {
    await migrateToLatest(opened.db, opened.dialect, undefined, { auditChains: config.auditChains });
    switch (options.command) {
      case 'migrate':
        console.log(`migrated ${opened.location}`);
        return 0;
      case 'verify-audit': {
        // A log that verifies is then sealed with a root over its current heads (receipts key).
        const seal = await loadSigningKey(opened.db, config.receiptKeyFile);
        // One snapshot: a server writing meanwhile (another process) cannot make it look broken.
        const result = await verifyAudit(opened.db, {
          seal,
          dialect: opened.dialect,
          snapshot: opened.readSnapshot,
          ...(pin ? { pin } : {}),
        });
        // The latest root's hash, recorded elsewhere (a ticket, a log), anchors the log: rewriting
        // history, roots included, would not match a root recorded before.
        const root = await opened.db
          .selectFrom('audit_roots')
          .select(['seq', 'hash'])
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        console.log(verifyMessage(result, root ? `root ${root.seq} ${root.hash}` : 'no root yet'));
        return result.ok ? 0 : 1;
      }
      case 'purge': {
        const report = await purge(opened.db, opened.dialect, config.retention, { dryRun: options.dryRun });
        await opened.sync();
        console.log(JSON.stringify(report));
        return 0;
      }
      case 'rotate-receipt-key': {
        if (config.receiptKeyFile) {
          console.error(
            "RECEIPT_KEY_FILE is set: receipts are signed with that file's key; rotate by replacing the file",
          );
          return 1;
        }
        const kid = await rotateSigningKey(opened.db);
        console.log(
          `receipts are now signed with key ${kid} (by processes started from now on); earlier keys stay published`,
        );
        return 0;
      }
      case 'export':
        return await exportSubject(opened.db, {
          subject: options.subject as string,
          format: options.format,
          ...(options.out === undefined ? {} : { out: options.out }),
        });
      case 'start':
        return await serveUntilStopped(options, opened, config);
    }
  } finally {
    await opened.close();
  }
}

async function serveUntilStopped(
  options: CliOptions,
  opened: Awaited<ReturnType<typeof openDatabase>>,
  config: ReturnType<typeof configFromEnv>,
): Promise<number> {
  const logger = process.env.LOG_LEVEL === 'silent' ? silentLogger : jsonLogger();
  // Every process on a database makes roots; they may race, and roots.ts keeps one root per seq.
  const sealer = startRootSealer({
    db: opened.db,
    signingKey: () => loadSigningKey(opened.db, config.receiptKeyFile),
    intervalMs: config.auditRootIntervalMs,
    everyEntries: config.auditRootEveryEntries,
    onError: (error) => logger.error('audit root', { error: String(error) }),
  });
  const app = createApp({
    db: opened.db,
    dialect: opened.dialect,
    sync: opened.sync,
    readSnapshot: opened.readSnapshot,
    config,
    logger,
    metrics: createMetrics({ defaults: true }),
    onAuditEntries: sealer.noteEntries,
  });
  return new Promise<number>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      console.log(`listening on http://${host}:${info.port}`);
    });
    server.on('error', reject);
    const stop = () => {
      // A root in progress finishes before the database is closed.
      const sealed = sealer.stop();
      server.close(() => void sealed.then(() => resolve(0)));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
