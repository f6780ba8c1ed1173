import 'fake-indexeddb/auto';
import { type AnyConsentRecord, latestRecord } from '@coreitsm/protocol';
import { consentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptAllChoices, rejectAllChoices } from '../core/choices.js';
import { testConfig } from '../core/test-config.js';
import { idbStore, openConsentDb } from '../storage/idb-store.js';
import {
  copyMatches,
  decodeCopy,
  dropCopy,
  encodeCopy,
  nothingDecidedHint,
  readCopy,
  refreshCopy,
  writeCopy,
} from './decision-copy.js';
import { openDb } from './open-db.js';
import { writeDecision } from './write-decision.js';

/** Node has no `document.cookie`: a small jar with the attributes the copy uses (and writes that can fail). */
class CookieJar {
  items = new Map<string, string>();
  writes: string[] = [];
  failWrites = false;
  get cookie() {
    return [...this.items].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  set cookie(line: string) {
    if (this.failWrites) throw new DOMException('cookies are disabled', 'SecurityError');
    this.writes.push(line);
    const [pair = '', ...attributes] = line.split(/;\s*/);
    const at = pair.indexOf('=');
    const gone = attributes.some((a) => a.toLowerCase() === 'max-age=0');
    if (gone) this.items.delete(pair.slice(0, at));
    else this.items.set(pair.slice(0, at), pair.slice(at + 1));
  }
}
let jar: CookieJar;
let dbName: string;
let n = 0;
beforeEach(async () => {
  // openDb() opens the SDK's own database name: start each test without it.
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('coreconsent');
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
  jar = new CookieJar();
  vi.stubGlobal('document', jar);
  vi.stubGlobal('location', { port: '8081', protocol: 'http:' });
  dbName = `copy-${n++}`;
});
afterEach(() => vi.unstubAllGlobals());

const SITE = 'servicedesk';
const records = (count: number, seed: number) =>
  fc.sample(consentRecordArb, { numRuns: count, seed }).map((r) => ({ ...r, siteId: SITE }));
const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
const COPY = `coreconsent_decision_${SITE}`;
const stored = (name = COPY) => jar.items.get(name) ?? null;
/** The copy as the script tag reads it. */
const copied = () => readCopy(jar.cookie, SITE);
/** What the copy of `record` must say: the same decision, dated the day it was made. */
const asCopy = (record: AnyConsentRecord) => ({
  jurisdiction: record.jurisdiction,
  policyVersion: record.policyVersion,
  method: record.method,
  choices: record.choices,
  createdAt: `${record.createdAt.slice(0, 10)}T00:00:00.000Z`,
});

describe('the synchronous copy of the latest decision (decision-copy.ts)', () => {
  it('round-trips every record: the same decision, dated the day it was made (property)', () => {
    fc.assert(
      fc.property(consentRecordArb, (record) => {
        const copy = decodeCopy(encodeCopy(record));
        expect(copy).toEqual(asCopy(record));
        // Only characters a cookie value may hold (RFC 6265 cookie-octet), and nothing that names a person or a record.
        expect(encodeCopy(record)).toMatch(/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/);
        expect(encodeCopy(record)).not.toContain(record.id);
        expect(encodeCopy(record)).not.toContain(record.subjectId);
      }),
    );
  });

  it('follows the history through every append, whatever the order of creation dates (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(consentRecordArb, { minLength: 1, maxLength: 8 }), async (batch) => {
        jar.items.clear();
        const store = idbStore(await openConsentDb(`${dbName}-${n++}`), () => undefined);
        for (const record of batch.map((r) => ({ ...r, siteId: SITE }))) {
          await store.append(record, false);
          // After each commit: exactly the newest of what IndexedDB holds, never an older or newer one.
          const latest = latestRecord(await store.siteHistory(SITE));
          expect(latest && copied()).toEqual(latest && asCopy(latest));
          expect(copyMatches(jar.cookie, SITE, latest)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('is written in the banner’s own transaction (write-decision.ts), as a first-party cookie', async () => {
    const db = await openDb(() => undefined);
    const config = testConfig({ siteId: SITE });
    const input = { gpc: false, language: 'en', previous: null, now: new Date() };
    const accepted = await writeDecision(
      db,
      config,
      { ...input, choices: acceptAllChoices('gdpr', false), method: 'accept-all' },
      {},
    );
    expect(copied()).toEqual(asCopy(accepted));
    expect(jar.writes.at(-1)).toMatch(
      /^coreconsent_decision_servicedesk=\d+\|gdpr\|2026-04-08\|accept-all\|15\|8081\|\d+; max-age=34560000; path=\/; samesite=lax$/,
    );
    const rejected = await writeDecision(
      db,
      config,
      {
        ...input,
        previous: accepted.id,
        now: new Date(Date.now() + 1000),
        choices: rejectAllChoices('gdpr'),
        method: 'reject-all',
      },
      {},
    );
    expect(copied()).toEqual(asCopy(rejected));
    db.close();
  });

  it('two connections (two tabs) writing at once: the copy is the newest committed record', async () => {
    const [a, b, c, d] = records(4, 7);
    if (!a || !b || !c || !d) throw new Error('no sample');
    const dated = (r: AnyConsentRecord, iso: string) => ({ ...r, createdAt: iso });
    const tabs = [
      idbStore(await openConsentDb(dbName), () => undefined),
      idbStore(await openConsentDb(dbName), () => undefined),
    ];
    const all = [
      dated(a, '2026-12-01T00:00:00.000Z'),
      dated(b, '2026-12-04T00:00:00.000Z'),
      dated(c, '2026-12-02T00:00:00.000Z'),
      dated(d, '2026-12-03T00:00:00.000Z'),
    ];
    await Promise.all(all.map((r, i) => tabs[i % 2]?.append(r, false)));
    expect(copied()).toEqual(asCopy(all[1] as AnyConsentRecord));
  });

  it('is removed when the transaction that wrote it aborts, or when the cookie cannot be written', async () => {
    const [a, b] = records(2, 11);
    if (!a || !b) throw new Error('no sample');
    const store = idbStore(await openConsentDb(), () => undefined);
    await store.append(a, false);
    expect(copied()).toEqual(asCopy(a));
    const db = await openDb(() => undefined);
    const tx = db.transaction('records', 'readwrite');
    tx.objectStore('records').put(b, b.id);
    writeCopy(tx, SITE);
    const done = committed(tx);
    // The copy is written (the read inside the transaction runs first), then the transaction aborts before its commit.
    let during: string | null = null;
    tx.objectStore('records').count().onsuccess = () => {
      during = stored();
      tx.abort();
    };
    await expect(done).rejects.toThrow();
    expect(during).not.toBeNull();
    expect(stored()).toBeNull();
    // The history is unchanged; a refresh brings the copy back from it.
    expect(copyMatches(jar.cookie, SITE, a)).toBe(false);
    refreshCopy(db, SITE);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(copied()).toEqual(asCopy(a));
    jar.failWrites = true;
    await expect(store.append(b, false)).resolves.toBeUndefined();
    db.close();
  });

  it('a copy that cannot be made never costs the record: the transaction still commits', async () => {
    const [a] = records(1, 19);
    if (!a) throw new Error('no sample');
    vi.stubGlobal('location', undefined); // encoding throws: no origin to tag the copy with
    const store = idbStore(await openConsentDb(), () => undefined);
    await store.append(a, false);
    expect((await store.siteHistory(SITE)).map((r) => r.id)).toEqual([a.id]);
    expect(stored()).toBeNull();
  });

  it('a refresh fills a missing copy and removes one the history no longer backs', async () => {
    const [a] = records(1, 13);
    if (!a) throw new Error('no sample');
    const db = await openDb(() => undefined);
    const tx = db.transaction('records', 'readwrite');
    tx.objectStore('records').put(a, a.id);
    await committed(tx); // written without the copy, as by a release before it
    expect(stored()).toBeNull();
    refreshCopy(db, SITE);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(copied()).toEqual(asCopy(a));
    jar.items.set('coreconsent_decision_status', stored() ?? '');
    refreshCopy(db, 'status'); // another site's empty history: its copy goes
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stored('coreconsent_decision_status')).toBeNull();
    db.close();
  });

  it("never trusts a copy that is malformed, another origin's of the same host, or another site's", () => {
    const [a] = records(1, 17);
    if (!a) throw new Error('no sample');
    const good = encodeCopy(a);
    jar.items.set(COPY, good);
    expect(copied()).toEqual(asCopy(a));
    const fields = good.split('|');
    const bad = [
      '',
      'garbage',
      `${good}|extra`,
      fields.slice(0, 5).join('|'),
      fields.slice(0, 6).join('|'), // the older six-field form: written anew, never read
      fields.slice(0, 6).join('|'),
      ...fields.map((_, i) => fields.map((f, j) => (i === j ? `${f}!` : f)).join('|')),
      ...fields.map((_, i) => fields.map((f, j) => (i === j ? '' : f)).join('|')),
      [...fields.slice(0, 4), '14', ...fields.slice(5)].join('|'), // necessary not granted
      [...fields.slice(0, 4), '64', ...fields.slice(5)].join('|'),
    ];
    for (const value of bad) {
      jar.items.set(COPY, value);
      expect(copied(), value).toBeUndefined();
    }
    jar.items.set(COPY, good);
    vi.stubGlobal('location', { port: '8082', protocol: 'http:' });
    expect(copied()).toBeUndefined();
    vi.stubGlobal('location', { port: '', protocol: 'https:' });
    expect(copied()).toBeUndefined();
    expect(readCopy(jar.cookie, 'status')).toBeUndefined();
    dropCopy(SITE);
    expect(jar.writes.at(-1)).toBe(
      'coreconsent_decision_servicedesk=; max-age=0; path=/; samesite=lax; secure',
    );
  });

  it('renews itself daily: a copy written on an earlier day no longer matches the history', () => {
    const [a] = records(1, 17);
    if (!a) throw new Error('no sample');
    const now = Date.now();
    const written = encodeCopy(a);
    const cookies = `${COPY}=${written}`;
    expect(copyMatches(cookies, SITE, a)).toBe(true);
    // Still the same decision the next day, so it still decides; only the renewal is due.
    vi.spyOn(Date, 'now').mockReturnValue(now + 86_400_000);
    expect(readCopy(cookies, SITE)).toEqual(asCopy(a));
    expect(copyMatches(cookies, SITE, a)).toBe(false);
    expect(encodeCopy(a)).not.toBe(written);
    vi.restoreAllMocks();
  });

  it('hints that nothing was decided only when the cookies hold neither a copy nor a revocation for the site', () => {
    const [a] = records(1, 17);
    if (!a) throw new Error('no sample');
    expect(nothingDecidedHint('', SITE)).toBe(true);
    expect(nothingDecidedHint('other=1; coreconsent_decision_status=x', SITE)).toBe(true);
    expect(nothingDecidedHint(`${COPY}=${encodeCopy(a)}`, SITE)).toBe(false);
    // Present but not readable here (another origin's, an older form): not a hint, storage decides.
    expect(nothingDecidedHint(`${COPY}=garbage`, SITE)).toBe(false);
    expect(nothingDecidedHint(`${COPY}=`, SITE)).toBe(false);
    expect(nothingDecidedHint(`coreconsent_revoked_${SITE}=analytics@5`, SITE)).toBe(false);
  });
});
