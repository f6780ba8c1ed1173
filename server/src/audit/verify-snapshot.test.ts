import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  BACKENDS,
  databaseTarget,
  makeRecord,
  type TestStore,
  testApp,
} from '../testing/backends.js';
import { client, post } from '../testing/http-client.js';
import { type RunningServer, startServer } from '../testing/spawn-cli.js';
import { verifyAudit } from './verify-audit.js';

/**
 * Verification reads the roots, every chain, the head rows and the data tables one after the
 * other. Read outside one snapshot, a write committed between two of those reads looks like damage
 * (a head past the last entry read, a record no entry read vouches for). A real `start` process
 * writes (and signs roots) all the time here while this process verifies over and over, through
 * the admin route and verifyAudit: an untampered log must never be reported broken.
 *
 * Another process, because one Node process cannot show the race on SQLite: better-sqlite3 is
 * synchronous, so a verification in this process runs to its end without letting a write start.
 */
const ROUNDS = 60;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== undefined)(
    `audit verification while another process writes [${backend.dialect}]${backend.skipReason ? ` — skipped: ${backend.skipReason}` : ''}`,
    () => {
      let store: TestStore | undefined;
      let server: RunningServer | undefined;
      afterEach(async () => {
        server?.child.kill('SIGTERM');
        await server?.exited;
        await store?.cleanup();
        store = server = undefined;
      });

      it('never answers ok:false on an untampered log', async () => {
        store = await backend.open();
        server = await startServer(['--db', await databaseTarget(store)], {
          AUDIT_ROOT_INTERVAL_MS: '50',
          AUDIT_ROOT_EVERY_ENTRIES: '7',
        });
        const { url } = server;
        const http = client(testApp(store));
        const people = (await Promise.all(Array.from({ length: 4 }, () => post(url, '/v1/subjects')))).map(
          (res) => res.json as { subjectId: string; token: string },
        );
        let writing = true;
        const writer = (async () => {
          try {
            for (let round = 0; round < ROUNDS; round++) {
              const answers = await Promise.all([
                ...people.map((who) =>
                  post(url, '/v1/records', who.token, {
                    records: [makeRecord(who.subjectId), makeRecord(who.subjectId, { siteId: 'status' })],
                  }),
                ),
                post(url, '/v1/subjects'),
              ]);
              expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 201]);
            }
          } finally {
            writing = false;
          }
        })();
        const verdicts: { ok: boolean }[] = [];
        for (let i = 0; writing; i++) {
          // Both ways in: the admin route (which also seals) and the library call.
          verdicts.push(
            i % 2 === 0
              ? (await http.call('GET', '/v1/admin/audit/verify', { token: ADMIN_TOKEN })).json
              : await verifyAudit(store.db, { snapshot: store.readSnapshot }),
          );
          // Let this process read the writer's answers and send its next requests.
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        await writer;
        expect(verdicts.length).toBeGreaterThanOrEqual(4);
        expect(verdicts.filter((v) => v.ok !== true)).toEqual([]);
        // At rest the whole log, every root the writer made included, verifies too.
        expect(await verifyAudit(store.db, { dialect: store.dialect })).toMatchObject({ ok: true });
      });
    },
  );
}
