import type { ServerConfig } from '../config.js';
import type { SnapshotReader } from '../db/read-snapshot.js';
import type { Db, Dialect } from '../db/schema.js';
import type { WriteRunner } from '../db/write-transaction.js';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { ReceiptSigner } from '../receipts/receipt-signer.js';

/** What every route needs, passed in once (no globals, so tests build as many apps as they like). */
export interface AppDeps {
  db: Db;
  dialect: Dialect;
  /** Makes committed writes durable before they are acknowledged (OpenedDatabase.sync). */
  sync: () => Promise<void>;
  /**
   * Runs reads on one consistent snapshot (OpenedDatabase.readSnapshot), for audit verification.
   * Unset: one read transaction on `db`, which on SQLite holds up this app's writes meanwhile.
   */
  readSnapshot?: SnapshotReader;
  config: ServerConfig;
  logger: Logger;
  metrics: Metrics;
  /** Told after each write commits how many audit entries it appended (`start`'s root sealer counts them). */
  onAuditEntries?: (count: number) => void;
}

/** What routes get: the app's deps plus the shared (group-committing) write path. */
export interface RouteDeps extends AppDeps {
  write: WriteRunner;
  /** Signs the receipt of every record stored. */
  receipts: ReceiptSigner;
}

export interface AppEnv {
  Variables: {
    subjectId: string;
    requestId: string;
    /** Set by bodySizeLimit when the body may be read straight from Node's request stream. */
    bodyFromIncoming: boolean;
  };
}
