import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/schema.js';
import { BACKENDS, databaseTarget, makeRecord, type TestStore, testApp } from '../testing/backends.js';
import { client } from '../testing/http-client.js';
import { runCli } from '../testing/spawn-cli.js';
import { parsePin } from './pinned-root.js';

const HASH = 'ab'.repeat(32);

describe('parsePin', () => {
  it('takes a bare hash, or the last printed root line of a text', () => {
    expect(parsePin(` ${HASH}\n`)).toEqual({ hash: HASH });
    const printed = `audit log ok: 9 entries in 16 chains, 2 signed roots, root 2 ${'cd'.repeat(32)}\n`;
    expect(parsePin(printed)).toEqual({ seq: 2, hash: 'cd'.repeat(32) });
    expect(parsePin(`old: root 1 ${HASH}\n${printed}`)).toEqual({ seq: 2, hash: 'cd'.repeat(32) });
    for (const bad of ['', 'root', HASH.slice(1), HASH.toUpperCase(), `root 0 ${HASH}`, 'no root yet'])
      expect(parsePin(bad)).toBeUndefined();
  });
});

async function rootCount(db: Db): Promise<number> {
  const rows = await db.selectFrom('audit_roots').select('seq').execute();
  return rows.length;
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== undefined)(
    `verify-audit --expect-root [${backend.dialect}]${backend.skipReason ? ` — skipped: ${backend.skipReason}` : ''}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'coreconsent-pin-'));
      let store: TestStore | undefined;
      afterEach(async () => {
        await store?.cleanup();
        store = undefined;
      });
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      it('passes while the log holds the kept root, fails on a log rewritten and re-signed', async () => {
        store = await backend.open();
        const target = await databaseTarget(store);
        const http = client(testApp(store));
        const write = async () => {
          const who = await http.newSubject();
          const res = await http.call('POST', '/v1/records', {
            token: who.token,
            body: { records: [makeRecord(who.subjectId)] },
          });
          expect(res.status).toBe(200);
        };
        await write();
        const first = runCli(['verify-audit', '--db', target]);
        expect(first.status, first.stderr).toBe(0);
        const [, hash] = /root 1 ([0-9a-f]{64})$/m.exec(first.stdout) ?? [];
        expect(hash).toBeDefined();
        // The operator keeps the printed line elsewhere.
        const kept = join(dir, `${backend.dialect}-root.txt`);
        writeFileSync(kept, first.stdout);

        await write();
        for (const pin of [kept, hash as string]) {
          const later = runCli(['verify-audit', '--db', target, '--expect-root', pin]);
          expect(later.status, later.stdout).toBe(0);
          expect(later.stdout).toMatch(/^audit log ok: /);
        }

        // Someone who can write the database drops every root and seals the log anew (as one who
        // added a key of their own could after rewriting entries): plain verification passes.
        await store.db.deleteFrom('audit_roots').execute();
        expect(runCli(['verify-audit', '--db', target]).status).toBe(0);
        const roots = await rootCount(store.db);
        const byLine = runCli(['verify-audit', '--db', target, '--expect-root', kept]);
        expect(byLine).toMatchObject({ status: 1, stderr: '' });
        expect(byLine.stdout).toMatch(
          /^audit log does not hold the expected root: root 1 was rewritten: it is [0-9a-f]{16}…, the expected one [0-9a-f]{16}…\n$/,
        );
        const byHash = runCli(['verify-audit', '--db', target, '--expect-root', hash as string]);
        expect(byHash.status).toBe(1);
        expect(byHash.stdout).toMatch(
          /^audit log does not hold the expected root: no signed root has the expected hash /,
        );
        // A log that fails its pin is not sealed.
        await write();
        expect(runCli(['verify-audit', '--db', target, '--expect-root', kept]).status).toBe(1);
        expect(await rootCount(store.db)).toBe(roots);
        // A kept root further than the log's roots go: they were cut short.
        const ahead = join(dir, `${backend.dialect}-ahead.txt`);
        writeFileSync(ahead, `root 99 ${hash}\n`);
        expect(runCli(['verify-audit', '--db', target, '--expect-root', ahead]).stdout).toMatch(
          /no root 99 any more/,
        );
      });

      it('refuses a pin it cannot read: exit 2, one line', async () => {
        store = await backend.open();
        const target = await databaseTarget(store);
        const empty = join(dir, `${backend.dialect}-empty.txt`);
        writeFileSync(empty, 'audit log ok: 0 entries in 16 chains, 0 signed roots, no root yet\n');
        for (const [pin, message] of [
          [
            'abc',
            /^coreconsent-server: --expect-root "abc" is neither a root hash nor a readable file \(ENOENT\)$/,
          ],
          [empty, /^coreconsent-server: --expect-root: .* holds no "root SEQ HASH" line$/],
        ] as const) {
          const res = runCli(['verify-audit', '--db', target, '--expect-root', pin]);
          expect(res.status).toBe(2);
          expect(res.stderr.trim().split('\n')).toHaveLength(1);
          expect(res.stderr.trim()).toMatch(message);
        }
      });
    },
  );
}
