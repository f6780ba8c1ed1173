export const USAGE = `Usage: coreconsent-server <command> [options]

Commands:
  start          migrate, then serve the HTTP API
  migrate        bring the database schema up to date
  verify-audit   check the audit log's hash chain (exit 1 if broken)
  purge          delete what the retention table says is past its time
  export         write one subject's whole history (--subject ID [--format json|csv|xml] [--out FILE])
  rotate-receipt-key  sign receipts with a new key from now on (earlier keys stay published)

Options:
  --db PATH_OR_URL  a postgres:// URL, or a SQLite file path (default ./data/consent.db; env DATABASE_URL)
  --port N          start: port to listen on (default 8787; 0 picks a free port)
  --host HOST       start: address to bind (default 127.0.0.1)
  --dry-run         purge: report what would be deleted, delete nothing
  --subject ID      export: the subject whose records to write
  --format F        export: json (default), csv or xml, as GET /v1/subjects/me/export
  --out FILE        export: a new file (mode 600; never overwritten) instead of standard output
  --expect-root R   verify-audit: exit 1 unless the log still holds this root (a hash, or a file holding
                    the "root SEQ HASH" line an earlier verify-audit printed)
  -h, --help        show this help

Environment:
  ADMIN_TOKEN            bearer token of the admin API and console, at least 24 characters (unset: admin API off)
  ALLOWED_ORIGINS        comma-separated site origins allowed by CORS (unset: loopback origins only)
  RATE_LIMIT_PER_MINUTE  requests per client IP per minute (default 1200; 0 = off)
  TRUST_PROXY            N = behind N reverse proxies: count clients by the address the outermost appended to X-Forwarded-For
  BODY_LIMIT_BYTES       largest request body (default 524288)
  RETENTION_SUPERSEDED_RECORD_DAYS, RETENTION_CLOSED_RIGHTS_REQUEST_DAYS  retention periods
  PUBLIC_URL             the server's base URL as sites call it: the issuer of receipts (default: each request's origin)
  RECEIPT_KEY_FILE       an Ed25519 PKCS#8 PEM file that signs receipts (default: a key kept in the database)
  LOG_LEVEL              "silent" turns request logs off
`;
