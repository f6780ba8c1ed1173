import { serve } from '@hono/node-server';
import { createApp } from '../app.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { checkStartConfig, configFromEnv } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { jsonLogger, silentLogger } from '../ops/logger.js';
import { createMetrics } from '../ops/metrics.js';
import { rotateSigningKey } from '../receipts/receipt-keys.js';
import { purge } from '../retention/purge.js';
import { exportSubject } from './export-subject.js';
import type { CliOptions } from './parse-cli.js';
import { USAGE } from './usage.js';

/** Runs one command; resolves to the exit code (start resolves only when the server stops). */
export async function runCommand(options: CliOptions): Promise<number> {
  if (options.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = configFromEnv();
  if (options.command === 'start') checkStartConfig(config);
  const opened = await openDatabase(options.db, { poolMax: config.pgPoolMax });
  try {
    await migrateToLatest(opened.db, opened.dialect);
    switch (options.command) {
      case 'migrate':
        console.log(`migrated ${opened.location}`);
        return 0;
      case 'verify-audit': {
        const result = await verifyAudit(opened.db);
        // The head hash, recorded elsewhere (a ticket, a log), anchors the chain: rewriting history
        // from some entry onwards, head included, would not match a head recorded before.
        const head = await opened.db
          .selectFrom('audit_heads')
          .select('hash')
          .where('chain', '=', 0)
          .executeTakeFirst();
        console.log(
          result.ok
            ? `audit log ok: ${result.entries} entries, head ${head?.hash ?? 'none'}`
            : result.firstBadRecord
              ? `audit log does not match the data: ${result.firstBadRecord.table} ${result.firstBadRecord.id} ${result.firstBadRecord.problem} (${result.entries} entries read)`
              : `audit log broken at entry ${result.firstBadEntry} (${result.entries} entries read)`,
        );
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
  const app = createApp({
    db: opened.db,
    dialect: opened.dialect,
    sync: opened.sync,
    config,
    logger,
    metrics: createMetrics({ defaults: true }),
  });
  return new Promise<number>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      console.log(`listening on http://${host}:${info.port}`);
    });
    server.on('error', reject);
    const stop = () => server.close(() => resolve(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
