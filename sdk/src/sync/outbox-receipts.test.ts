import 'fake-indexeddb/auto';
import { consentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { siteSnapshot } from '../core/site-snapshot.js';
import { testConfig } from '../core/test-config.js';
import { idbStore, openConsentDb } from '../storage/idb-store.js';
import { apiClient } from './api-client.js';
import { outboxSync } from './outbox-sync.js';

const API = 'http://127.0.0.1:8787';
/** What a server signs: one receipt per record id, the same on every answer (as the contract says). */
const receiptOf = (id: string) => `eyJhbGciOiJFZERTQSJ9.${btoa(id).replaceAll('=', '')}.c2ln`;

describe('receipts from POST /v1/records', () => {
  it('are kept beside the delivered records, and only for the records the server answered', async () => {
    const store = idbStore(await openConsentDb('outbox-receipts'), () => undefined);
    await store.adoptSubject({ subjectId: 'sub_s', token: 'tok', api: API }, null);
    const records = fc
      .sample(consentRecordArb, { numRuns: 3, seed: 3 })
      .map((r) => ({ ...r, subjectId: 'sub_s' }));
    for (const r of records) await store.append(r, true);
    const [old] = records;
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { records: { id: string }[] };
      return Response.json({
        // A record stored before receipts existed comes back without one.
        results: body.records.map(({ id }) =>
          id === old?.id ? { id, status: 'duplicate' } : { id, status: 'stored', receipt: receiptOf(id) },
        ),
      });
    }) as typeof fetch;
    await outboxSync(
      () => store,
      apiClient(API, fetchImpl),
      API,
      () => undefined,
    ).flush();
    expect(await store.outbox()).toEqual([]);
    const expected = records.slice(1).map((r) => ({ id: r.id, receipt: receiptOf(r.id) }));
    const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
    expect((await store.receipts()).sort(byId)).toEqual(expected.sort(byId));
  });
});

describe('siteSnapshot receipts', () => {
  it('carries the newest 1,000 kept receipts by record id, beside the newest 1,000 records, and none when none are kept', () => {
    const config = testConfig({ siteId: 'shop' });
    // Time-ordered ids, as the SDK's UUIDv7 are and as IndexedDB reads them.
    const history = fc.sample(consentRecordArb, { numRuns: 1002, seed: 5 }).map((r, i) => ({
      ...r,
      siteId: 'shop',
      id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    }));
    const kept = history.map((r) => ({ id: r.id, receipt: receiptOf(r.id) }));
    const snapshot = siteSnapshot(config, null, history.at(-1), history, kept);
    expect(snapshot.history).toHaveLength(1000);
    expect(Object.keys(snapshot.receipts ?? {})).toEqual(snapshot.history.map((r) => r.id));
    expect('receipts' in siteSnapshot(config, null, undefined, history.slice(0, 2), [])).toBe(false);
  });
});
