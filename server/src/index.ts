/** @coreitsm/server: the consent server as a library (the CLI in cli/main.ts is its main user). */
export { type App, createApp } from './app.js';
export { verifyAudit } from './audit/verify-audit.js';
export { configFromEnv, type ServerConfig } from './config.js';
export { migrateToLatest } from './db/migrate.js';
export { type OpenedDatabase, openDatabase } from './db/open-database.js';
export { jsonLogger, type Logger, silentLogger } from './ops/logger.js';
export { createMetrics, type Metrics } from './ops/metrics.js';
export { type PurgeReport, purge } from './retention/purge.js';
