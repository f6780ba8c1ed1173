import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { makeRecord, testApp } from '../testing/backends.js';
import { client } from '../testing/http-client.js';
import { runCli } from '../testing/spawn-cli.js';

/** The command line as a user meets it: real processes, exit codes, one-line errors. */
describe('coreconsent-server (process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coreconsent-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--help prints usage and exits 0', () => {
    const { status, stdout } = runCli(['--help']);
    expect(status).toBe(0);
    for (const command of ['start', 'migrate', 'verify-audit', 'purge', '--dry-run', 'ADMIN_TOKEN'])
      expect(stdout).toContain(command);
  });

  it('a wrong flag is one line on stderr and exit 2', () => {
    const { status, stderr } = runCli(['start', '--prot', '1']);
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toEqual(["coreconsent-server: Unknown option '--prot' (see --help)"]);
  });

  it('a root count out of bounds is refused at start: one line on stderr and exit 2', () => {
    for (const bad of ['-1', '1000001', 'ten']) {
      const { status, stderr } = runCli(['start', '--port', '0', '--db', join(dir, 'never.db')], {
        AUDIT_ROOT_EVERY_ENTRIES: bad,
      });
      expect(status).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^coreconsent-server: AUDIT_ROOT_EVERY_ENTRIES must be /);
    }
  });

  it('an unreachable database is one line on stderr and exit 1', () => {
    const { status, stderr } = runCli(['migrate', '--db', 'postgres://postgres@127.0.0.1:1/none']);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^coreconsent-server: .*ECONNREFUSED/);
  });

  it('a SQLite path that cannot be created is one line and exit 1', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const { status, stderr } = runCli(['migrate', '--db', join(file, 'consent.db')]);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^coreconsent-server: E[A-Z]+: /);
  });

  it('migrate creates the file and its folder; verify-audit and purge --dry-run report; a broken chain exits 1', async () => {
    const db = join(dir, 'nested', 'consent.db');
    expect(runCli(['migrate', '--db', db])).toMatchObject({ status: 0, stdout: `migrated ${db}\n` });
    expect(runCli(['verify-audit', '--db', db])).toMatchObject({
      status: 0,
      stdout: 'audit log ok: 0 entries in 16 chains, 0 signed roots, no root yet\n',
    });
    const purge = runCli(['purge', '--dry-run', '--db', db]);
    expect(purge.status).toBe(0);
    expect(JSON.parse(purge.stdout)).toMatchObject({ dryRun: true, records: 0, rightsRequests: 0 });
    const opened = await openDatabase(db);
    await opened.db.updateTable('audit_heads').set({ seq: 3 }).execute();
    await opened.close();
    expect(runCli(['verify-audit', '--db', db])).toMatchObject({
      status: 1,
      stdout: 'audit log broken at chain 0 entry 1 (0 entries read)\n',
    });
  });

  it("export writes a subject's history exactly as the HTTP export does; refuses unknown subjects and existing files", async () => {
    const db = join(dir, 'export', 'consent.db');
    const opened = await openDatabase(db);
    await migrateToLatest(opened.db, opened.dialect);
    const http = client(testApp(opened));
    const { subjectId, token } = await http.newSubject();
    const records = [makeRecord(subjectId), makeRecord(subjectId, { siteId: 'status' })];
    expect((await http.call('POST', '/v1/records', { token, body: { records } })).status).toBe(200);
    const viaHttp: Record<string, string> = {};
    for (const format of ['json', 'csv', 'xml']) {
      viaHttp[format] = (await http.call('GET', `/v1/subjects/me/export?format=${format}`, { token })).text;
    }
    await opened.close();

    for (const format of ['json', 'csv', 'xml']) {
      const res = runCli(['export', '--db', db, '--subject', subjectId, '--format', format]);
      expect(res.status, res.stderr).toBe(0);
      expect(res.stdout).toBe(viaHttp[format]);
    }
    const file = join(dir, 'export', 'out.csv');
    const written = runCli(['export', '--db', db, '--subject', subjectId, '--format', 'csv', '--out', file]);
    expect(written).toMatchObject({ status: 0, stdout: '' });
    expect(written.stderr).toContain(`exported 2 records of ${subjectId} to ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(viaHttp.csv);
    expect(statSync(file).mode & 0o777).toBe(0o600); // personal data: the owner's only
    // Never overwrites: the file already there is left as it was.
    const again = runCli(['export', '--db', db, '--subject', subjectId, '--out', file]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^export failed: .*EEXIST/);
    expect(readFileSync(file, 'utf8')).toBe(viaHttp.csv);
    const unknown = runCli(['export', '--db', db, '--subject', 'sub_nobody']);
    expect(unknown).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'no subject sub_nobody in this database\n',
    });
  });

  it('rotate-receipt-key adds a new signing key and keeps the old ones published; refuses under RECEIPT_KEY_FILE', async () => {
    const db = join(dir, 'rotate', 'consent.db');
    const first = runCli(['rotate-receipt-key', '--db', db]);
    expect(first.status, first.stderr).toBe(0);
    const second = runCli(['rotate-receipt-key', '--db', db]);
    const kidOf = (out: string) => /signed with key (\S+) /.exec(out)?.[1];
    expect(kidOf(second.stdout)).toBeDefined();
    expect(kidOf(second.stdout)).not.toBe(kidOf(first.stdout));
    const opened = await openDatabase(db);
    const keys = await opened.db.selectFrom('receipt_keys').select(['kid', 'retired_at']).execute();
    await opened.close();
    expect(keys).toHaveLength(2);
    expect(keys.find((k) => k.kid === kidOf(first.stdout))?.retired_at).not.toBeNull();
    expect(keys.find((k) => k.kid === kidOf(second.stdout))?.retired_at).toBeNull();
    const refused = runCli(['rotate-receipt-key', '--db', db], { RECEIPT_KEY_FILE: join(dir, 'key.pem') });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('RECEIPT_KEY_FILE is set');
  });
});
