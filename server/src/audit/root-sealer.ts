import type { Db } from '../db/schema.js';
import type { SigningKey } from '../receipts/receipt-keys.js';
import { createRoot } from './roots.js';

export interface RootSealerOptions {
  db: Db;
  /** The receipts key; asked again after a failure (the database may have been away). */
  signingKey: () => Promise<SigningKey>;
  /** A root every this many ms when a head moved (AUDIT_ROOT_INTERVAL_MS); 0: no timer. */
  intervalMs: number;
  /** A root once this process wrote this many entries since its last one (AUDIT_ROOT_EVERY_ENTRIES); 0: no count. */
  everyEntries: number;
  /** A root that failed (logged; the next trigger tries again). */
  onError: (error: unknown) => void;
}

export interface RootSealer {
  /** Counts entries this process committed (GroupCommitter's onAuditEntries); may start a root. */
  noteEntries(count: number): void;
  /** Resolves once no root is being made (tests wait on it instead of sleeping). */
  idle(): Promise<void>;
  /** Stops the timer and ignores further entries; resolves once a root in progress is done. */
  stop(): Promise<void>;
}

/**
 * Makes this process's signed roots (issue 14): every `intervalMs` when a head moved, and as soon
 * as `everyEntries` entries were written here since the last one, so a busy process never leaves
 * more than that outside a root however long the interval. Both triggers go through one path,
 * createRoot, one root at a time: its races with other processes are settled there (one root per
 * seq). The count restarts when a root is attempted, whichever trigger started it, since the root
 * reads every head as it is then, covering whatever was counted.
 */
export function startRootSealer(options: RootSealerOptions): RootSealer {
  let since = 0;
  let stopped = false;
  let running: Promise<void> | undefined;
  let key: Promise<SigningKey> | undefined;
  const due = () => options.everyEntries > 0 && since >= options.everyEntries;

  const seal = (): void => {
    if (running || stopped) return; // the count is looked at again when the root in progress ends
    since = 0;
    key ??= options.signingKey();
    running = key
      .then((signing) => createRoot(options.db, signing))
      .then(
        () => {},
        (error: unknown) => {
          key = undefined;
          options.onError(error);
        },
      )
      .finally(() => {
        running = undefined;
        // Entries written while that root was made may already make the next one due.
        if (due()) seal();
      });
  };

  const timer = options.intervalMs > 0 ? setInterval(seal, options.intervalMs) : undefined;
  timer?.unref();
  return {
    noteEntries(count) {
      since += count;
      if (due()) seal();
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
