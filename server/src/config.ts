/** Server settings, from the environment (and the CLI's flags). Each default says why it is what it is. */
export interface ServerConfig {
  /** Bearer token of the admin API; undefined turns the admin API off. */
  adminToken: string | undefined;
  /** Site origins allowed by CORS (browser extensions' origins are always allowed). */
  allowedOrigins: readonly string[];
  /** Requests per client IP per minute; 0 turns the limiter off (benchmarks, trusted networks). */
  rateLimitPerMinute: number;
  /**
   * How many reverse proxies stand in front of the server (0: none). The client is the address the
   * outermost one appended to X-Forwarded-For — the Nth from the right; what is left of it the
   * client wrote itself and may be forged (issue 10, finding 7).
   */
  trustProxy: number;
  /** Largest accepted body. */
  bodyLimitBytes: number;
  /** Retention periods in days (see retention/retention-policy.ts). */
  retention: RetentionConfig;
  /** How much one subject may store (issue 10, finding 1). */
  historyLimits: HistoryLimits;
  /**
   * The server's base URL as sites call it (`data-api`): the `iss` of every receipt. Unset: the
   * origin of each request as this process sees it — set it behind a proxy that rewrites hosts.
   */
  publicUrl: string | undefined;
  /**
   * A PKCS#8 PEM file holding the Ed25519 key that signs receipts. Unset: a key generated on first
   * start and kept in the database, so every process on that database signs with the same key.
   */
  receiptKeyFile: string | undefined;
  /** PostgreSQL connections per process (PG_POOL_MAX; see DEFAULT_PG_POOL_MAX). */
  pgPoolMax: number;
  /**
   * Audit chains a database gets when it is migrated to partitioned chains (AUDIT_CHAINS, default
   * 16, 1–1024). Read only by that migration: the count is fixed once entries exist.
   */
  auditChains: number;
  /** PostgreSQL: group-commit lanes per process (AUDIT_WRITE_LANES, default 2): concurrent write transactions. */
  auditWriteLanes: number;
  /** How often `start` signs a root over the chain heads (AUDIT_ROOT_INTERVAL_MS, default 5000; 0: never). */
  auditRootIntervalMs: number;
  /**
   * A root is also due once this process wrote this many audit entries since its last root
   * (AUDIT_ROOT_EVERY_ENTRIES, see DEFAULT_AUDIT_ROOT_EVERY_ENTRIES; 0: the timer alone).
   */
  auditRootEveryEntries: number;
}

/** Bounds on one subject's history, so no subject can make its own requests (or others') slow. */
export interface HistoryLimits {
  /** Records one subject may hold in all. */
  recordsPerSubject: number;
  /** Distinct sites one subject may hold records for. */
  sitesPerSubject: number;
}

export interface RetentionConfig {
  /** Records superseded by a newer one on the same site. */
  supersededRecordDays: number;
  /** Rights requests after they were completed or rejected. */
  closedRightsRequestDays: number;
}

/**
 * A batch of 100 records with long policy URLs (2 kB each) is about 250 kB; 512 kB leaves room
 * while bounding what one request can make us parse.
 */
export const DEFAULT_BODY_LIMIT = 512 * 1024;
/**
 * 1200/min = 20 per second per IP: far above one browser's sync traffic, room for an office of
 * people behind one NAT address, low enough to blunt floods. Tune it to your traffic.
 */
export const DEFAULT_RATE_LIMIT = 1200;
/**
 * 20,000 records: a new decision every day on 8 sites for the whole 7-year retention period, far
 * beyond a person's real history, and small enough that an export of it streams in seconds.
 * 100 sites: an SDK subject lives on one origin; the extension may share one across the sites it
 * manages, which are tens, not hundreds. A subject past either answers 413 `history_full`.
 */
export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { recordsPerSubject: 20_000, sitesPerSubject: 100 };

/**
 * From the privacy policy's retention table (shared/seed/privacy-policy.txt): consent history is
 * "service usage data" kept 2 years for analytics, and 7 years where a legal obligation applies —
 * proof of consent is such an obligation, so superseded records are kept 7 years. Rights requests
 * are support communications: "3 years after closure". The current record of a site is never purged.
 */
export const DEFAULT_RETENTION: RetentionConfig = {
  supersededRecordDays: 7 * 365,
  closedRightsRequestDays: 3 * 365,
};

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/** TRUST_PROXY: a number of proxies; `true` (the older on/off form) means one, `false` none. */
function proxyHops(raw: string | undefined): number {
  if (raw === undefined || raw === '' || raw === 'false') return 0;
  if (raw === 'true') return 1;
  if (!/^\d{1,2}$/.test(raw))
    throw new ConfigError(`TRUST_PROXY must be a number of proxies (0–99), got "${raw}"`);
  return Number(raw);
}

/**
 * ADMIN_TOKEN guards the admin API, which the rate limit alone cannot protect from guessing a
 * short token: 24 characters (e.g. 18 random bytes in base64url, what `npm start` generates) is
 * the least the server starts with.
 */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

/** PUBLIC_URL: an http(s) origin (a path would not match the `data-api` a site gives). */
function publicUrlFrom(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be a URL such as https://consent.example.com, got "${raw}"`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname.replace(/\/$/, '') !== '')
    throw new ConfigError(`PUBLIC_URL must be an http(s) origin without a path, got "${raw}"`);
  return url.origin;
}

/**
 * 10,000 entries: bounds how much of the log a busy process leaves outside a signed root, however
 * long the timer's interval. The 5 s timer reaches it first below 2,000 entries a second, so a
 * normal server still makes at most one root per interval and `audit_roots` grows no faster; a
 * root costs one read of the heads, one Ed25519 signature and one insert.
 */
export const DEFAULT_AUDIT_ROOT_EVERY_ENTRIES = 10_000;
/** More than a million entries between roots leaves too much unsealed to be worth a count at all. */
const MAX_AUDIT_ROOT_EVERY_ENTRIES = 1_000_000;

/** Same value as open-database.ts's (kept here so reading the config loads no database driver). */
const DEFAULT_PG_POOL_MAX = 10;

function poolMaxFrom(env: NodeJS.ProcessEnv): number {
  const max = intFrom(env, 'PG_POOL_MAX', DEFAULT_PG_POOL_MAX);
  if (max < 1 || max > 1000) throw new ConfigError(`PG_POOL_MAX must be 1–1000, got "${env.PG_POOL_MAX}"`);
  return max;
}

function boundedInt(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = intFrom(env, name, fallback);
  if (value < min || value > max) throw new ConfigError(`${name} must be ${min}–${max}, got "${env[name]}"`);
  return value;
}

/** A setting the server refuses to start with; the CLI prints its message and exits 2. */
export class ConfigError extends Error {}

/** Throws a ConfigError for a setting the server must not run with. */
export function checkStartConfig(config: ServerConfig): void {
  if (config.adminToken !== undefined && config.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (got ${config.adminToken.length}); e.g. openssl rand -base64 18`,
    );
  }
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    adminToken: env.ADMIN_TOKEN || undefined,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    rateLimitPerMinute: intFrom(env, 'RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT),
    trustProxy: proxyHops(env.TRUST_PROXY),
    bodyLimitBytes: intFrom(env, 'BODY_LIMIT_BYTES', DEFAULT_BODY_LIMIT),
    retention: {
      supersededRecordDays: intFrom(
        env,
        'RETENTION_SUPERSEDED_RECORD_DAYS',
        DEFAULT_RETENTION.supersededRecordDays,
      ),
      closedRightsRequestDays: intFrom(
        env,
        'RETENTION_CLOSED_RIGHTS_REQUEST_DAYS',
        DEFAULT_RETENTION.closedRightsRequestDays,
      ),
    },
    historyLimits: {
      recordsPerSubject: intFrom(env, 'SUBJECT_RECORD_LIMIT', DEFAULT_HISTORY_LIMITS.recordsPerSubject),
      sitesPerSubject: intFrom(env, 'SUBJECT_SITE_LIMIT', DEFAULT_HISTORY_LIMITS.sitesPerSubject),
    },
    publicUrl: publicUrlFrom(env.PUBLIC_URL),
    receiptKeyFile: env.RECEIPT_KEY_FILE || undefined,
    pgPoolMax: poolMaxFrom(env),
    auditChains: boundedInt(env, 'AUDIT_CHAINS', 16, 1, 1024),
    auditWriteLanes: boundedInt(env, 'AUDIT_WRITE_LANES', 2, 1, 64),
    auditRootIntervalMs: boundedInt(env, 'AUDIT_ROOT_INTERVAL_MS', 5000, 0, 86_400_000),
    auditRootEveryEntries: boundedInt(
      env,
      'AUDIT_ROOT_EVERY_ENTRIES',
      DEFAULT_AUDIT_ROOT_EVERY_ENTRIES,
      0,
      MAX_AUDIT_ROOT_EVERY_ENTRIES,
    ),
  };
}
