import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConsentRecord, purposesFor } from '@coreitsm/protocol';
import { sql } from 'kysely';
import { createApp } from '../app.js';
import { configFromEnv, type ServerConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { type OpenedDatabase, openDatabase } from '../db/open-database.js';
import type { Dialect } from '../db/schema.js';
import { silentLogger } from '../ops/logger.js';
import { createMetrics } from '../ops/metrics.js';
import { uuidV7 } from '../store/uuid-v7.js';

/**
 * Test backends: every storage test runs against a real SQLite file and, where DATABASE_URL is set,
 * a real PostgreSQL in a schema of its own (unique per run, dropped afterwards), so parallel runs
 * and leftovers never collide.
 */
export interface Backend {
  dialect: Dialect;
  /** Why the backend is unavailable (the suite is skipped and the reason printed), or undefined. */
  skipReason: string | undefined;
  /** A fresh, migrated database (up to the migration named `migration`, else the latest). */
  open(migration?: string): Promise<TestStore>;
}

export interface TestStore extends OpenedDatabase {
  cleanup(): Promise<void>;
}

const sqliteBackend: Backend = {
  dialect: 'sqlite',
  skipReason: undefined,
  async open(migration) {
    const dir = mkdtempSync(join(tmpdir(), 'coreconsent-test-'));
    const opened = await openDatabase(join(dir, 'consent.db'));
    await migrateToLatest(opened.db, opened.dialect, migration);
    return {
      ...opened,
      async cleanup() {
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const databaseUrl = process.env.DATABASE_URL;
const postgresBackend: Backend = {
  dialect: 'postgres',
  skipReason: databaseUrl?.startsWith('postgres')
    ? undefined
    : 'DATABASE_URL is not set to a postgres:// URL, so the PostgreSQL storage tests are skipped',
  async open(migration) {
    // pid, creation time (base-36 seconds) and randomness: see dropLeftovers for why the time.
    const created = Math.floor(Date.now() / 1000).toString(36);
    const schema = `cc_test_${process.pid}_${created}_${randomBytes(4).toString('hex')}`;
    const opened = await openDatabase(databaseUrl as string, { pgSchema: schema });
    await dropLeftovers(opened);
    const cleanup = async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(opened.db);
      await opened.close();
    };
    try {
      await migrateToLatest(opened.db, opened.dialect, migration);
    } catch (error) {
      await cleanup();
      throw error;
    }
    return { ...opened, cleanup };
  },
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A test run never lasts this long: a schema older than this was left by a run killed before its cleanup. */
const LEFTOVER_AGE_S = 6 * 60 * 60;

/**
 * Schemas of earlier runs killed before their cleanup are dropped — by age, not by whether their pid
 * is alive: a run in another PID namespace (a container, a sandboxed shell) sharing this PostgreSQL has
 * pids this process cannot see, and dropping its schema mid-test failed its migrations ("schema
 * cc_test_… does not exist", found by the flake hunt with two suites running at once). Names from
 * before the timestamp (`cc_test_<pid>_<hex>`) keep the old pid rule, as nothing creates them any more.
 */
async function dropLeftovers(opened: OpenedDatabase): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select nspname as name from pg_namespace where nspname like 'cc\_test\_%'`.execute(opened.db);
  const now = Date.now() / 1000;
  for (const { name } of rows) {
    const stamped = /^cc_test_\d+_([0-9a-z]+)_[0-9a-f]{8}$/.exec(name);
    const legacy = /^cc_test_(\d+)_[0-9a-f]{8}$/.exec(name);
    const stale = stamped
      ? now - Number.parseInt(stamped[1] ?? '', 36) > LEFTOVER_AGE_S
      : legacy
        ? Number(legacy[1]) !== process.pid && !isAlive(Number(legacy[1]))
        : false;
    if (stale) await sql`drop schema if exists ${sql.id(name)} cascade`.execute(opened.db).catch(() => {});
  }
}

export const BACKENDS: readonly Backend[] = [sqliteBackend, postgresBackend];

for (const backend of BACKENDS) {
  if (backend.skipReason) console.warn(`[server tests] ${backend.skipReason}`);
}

/**
 * What another handle or process opens to reach `store`: the SQLite file, or the PostgreSQL URL
 * with the test's schema as its search_path (as `--db` of a spawned server, or for openDatabase).
 */
export async function databaseTarget(store: TestStore): Promise<string> {
  if (store.dialect === 'sqlite') return store.location;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  const target = new URL(databaseUrl as string);
  target.searchParams.set('options', `-c search_path=${rows[0]?.schema}`);
  return target.toString();
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...configFromEnv({}),
    adminToken: ADMIN_TOKEN,
    allowedOrigins: ['http://localhost:8081'],
    rateLimitPerMinute: 0,
    ...overrides,
  };
}

export function testApp(store: OpenedDatabase, overrides: Partial<ServerConfig> = {}) {
  return createApp({
    db: store.db,
    dialect: store.dialect,
    sync: store.sync,
    readSnapshot: store.readSnapshot,
    config: testConfig(overrides),
    logger: silentLogger,
    metrics: createMetrics(),
  });
}

/** A valid GDPR record of `subjectId` on `siteId`, with overrides. */
export function makeRecord(subjectId: string, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  const jurisdiction = overrides.jurisdiction ?? 'gdpr';
  const choices = Object.fromEntries(
    purposesFor(jurisdiction).map((p) => [p, 'granted']),
  ) as ConsentRecord['choices'];
  return {
    id: uuidV7(),
    schemaVersion: 1,
    subjectId,
    siteId: 'servicedesk',
    origin: 'http://localhost:8081',
    policyVersion: '2026-04-08',
    policyUrl: 'http://localhost:8081/privacy',
    jurisdiction,
    choices,
    method: 'accept-all',
    gpc: false,
    language: 'en',
    createdAt: new Date().toISOString(),
    previous: null,
    ...overrides,
  };
}
