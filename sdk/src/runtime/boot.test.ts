// @vitest-environment happy-dom
// @vitest-environment-options {"url": "http://localhost:8081/tickets"}
import 'fake-indexeddb/auto';
import {
  BRIDGE_NAMESPACE,
  BRIDGE_VERSION,
  type ConsentRecord,
  ConsentRecordSchema,
  type Notice,
  NoticeSchema,
  noticeHash,
} from '@coreitsm/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../core/test-config.js';
import type { ConsentState } from '../core/types.js';
import en from '../i18n/en.js';
import { idbStore, openConsentDb } from '../storage/idb-store.js';
import type { UiView } from '../ui/ui-contract.js';
import { boot } from './boot.js';
import type { ChunkLoaders } from './chunks.js';

const shown: UiView[] = [];
const chunks: ChunkLoaders = {
  banner: () => import('../critical/banner-entry.js'),
  ui: async () => () => ({
    show: async (view) => {
      shown.push(view);
    },
    update: () => undefined,
    hide: () => undefined,
  }),
  strings: async () => en,
  gpp: async () => () => undefined,
  placeholder: async () => () => undefined,
  exporter: async () => (records, format) => ({
    body: `${records.length}`,
    mimeType: 'text/plain',
    extension: format,
  }),
};
const flush = () => new Promise((r) => setTimeout(r, 20));
/** Positive waits are on conditions, bounded generously: a loaded 2-core CI machine is slow, not stuck. */
const eventually = { timeout: 10_000, interval: 20 };
const storedRecords = async () =>
  (await idbStore(await openConsentDb(), () => undefined).allHistory()) as ConsentRecord[];

beforeEach(async () => {
  shown.length = 0;
  indexedDB.deleteDatabase('coreconsent');
  document.body.innerHTML = `
    <script type="text/plain" data-consent="analytics" id="a">window.analyticsRan = true</script>
    <script type="text/plain" data-consent="marketing" id="m">window.marketingRan = true</script>`;
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: undefined, configurable: true });
});
afterEach(() => vi.restoreAllMocks());

const released = (id: string) => document.getElementById(id)?.hasAttribute('data-consent-released') ?? false;

describe('boot (happy-dom + fake IndexedDB)', () => {
  it('first visit: banner, nothing released, ready event; a choice is stored, released and announced', async () => {
    const ready = vi.fn();
    document.addEventListener('coreconsent:ready', ready, { once: true });
    const api = await boot(testConfig({ siteId: 'first' }), chunks, window);
    await vi.waitFor(() => {
      expect(shown).toEqual(['banner']);
      expect(ready).toHaveBeenCalledOnce();
    }, eventually);
    expect((window as unknown as { CoreConsent: unknown }).CoreConsent).toBe(api);
    const late = vi.fn();
    api.on('ready', late);
    await vi.waitFor(
      () => expect(late).toHaveBeenCalledWith(expect.objectContaining({ siteId: 'first', decided: false })),
      eventually,
    );
    expect(released('a') || released('m')).toBe(false);

    const changes: ConsentState[] = [];
    document.addEventListener('coreconsent:change', (e) =>
      changes.push((e as CustomEvent<ConsentState>).detail),
    );
    await api.set({ analytics: 'granted' });
    expect(released('a')).toBe(true);
    expect(released('m')).toBe(false);
    expect(changes.at(-1)?.choices.analytics).toBe('granted');
    const records = await storedRecords();
    expect(records).toHaveLength(1);
    expect(ConsentRecordSchema.safeParse(records[0]).success).toBe(true);
    expect(records[0]).toMatchObject({ method: 'api', origin: 'http://localhost:8081', siteId: 'first' });
  });

  it('a translation that cannot load costs the notice, never the decision: the record goes without noticeHash', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const offline = { ...chunks, strings: async () => Promise.reject(new TypeError('Failed to fetch')) };
    const api = await boot(testConfig({ siteId: 'no-strings' }), offline, window);
    await api.set({ analytics: 'granted' });
    const [record] = await storedRecords();
    expect(record).toMatchObject({
      method: 'api',
      choices: expect.objectContaining({ analytics: 'granted' }),
    });
    expect(record?.noticeHash).toBeUndefined();
    expect(errors).toHaveBeenCalled();
    // With the translation, the same kind of decision names its notice.
    indexedDB.deleteDatabase('coreconsent');
    const api2 = await boot(testConfig({ siteId: 'with-strings' }), chunks, window);
    await api2.set({ analytics: 'granted' });
    expect((await storedRecords()).find((r) => r.siteId === 'with-strings')?.noticeHash).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('returning visit: the stored decision applies without a banner', async () => {
    const config = testConfig({ siteId: 'returning' });
    const first = await boot(config, chunks, window);
    await first.acceptAll();
    shown.length = 0;
    document.body.innerHTML = `<script type="text/plain" data-consent="marketing" id="m2">1</script>`;
    const second = await boot(config, chunks, window);
    await vi.waitFor(() => expect(released('m2')).toBe(true), eventually);
    expect(second.get()).toMatchObject({ decided: true, method: 'accept-all', promptReason: null });
    await flush(); // a banner that would (wrongly) show comes within this time
    expect(shown).toEqual([]);
  });

  it('GPC in California: exactly one gpc record over several page views', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const config = testConfig({ siteId: 'gpc' }, 'ccpa');
    const api = await boot(config, chunks, window);
    expect(api.get()).toMatchObject({ gpcHonored: true, promptReason: 'signal-only' });
    expect(api.get().choices).toMatchObject({
      sale_sharing: 'denied',
      marketing: 'denied',
      analytics: 'granted',
    });
    await boot(config, chunks, window);
    await boot(config, chunks, window);
    const records = await storedRecords();
    expect(records.map((r) => r.method)).toEqual(['gpc']);
    // An explicit choice afterwards is recorded as such and kept on the next view.
    await api.set({ marketing: 'granted' });
    await boot(config, chunks, window);
    expect((await storedRecords()).map((r) => r.method).sort()).toEqual(['api', 'gpc']);
  });

  it('bridge: a revoke from the extension narrows; a forged grant changes nothing', async () => {
    const api = await boot(testConfig({ siteId: 'bridge' }), chunks, window);
    await api.acceptAll();
    const posted: unknown[] = [];
    window.addEventListener('message', (e) => posted.push(e.data));
    const send = (data: unknown) =>
      window.dispatchEvent(
        new MessageEvent('message', { data, origin: 'http://localhost:8081', source: window }),
      );
    const envelope = { ns: BRIDGE_NAMESPACE, v: BRIDGE_VERSION, from: 'extension', id: 'x1' };
    send({ ...envelope, type: 'revoke', payload: { purposes: ['marketing'] } });
    // Wait on the ack, not a fixed time: the revocation goes through IndexedDB, which on a loaded
    // machine takes longer than any short sleep (20 ms flaked). Earlier tests' SDK instances share
    // this window and answer too: look for ours.
    const acks = () =>
      (posted.filter((m) => (m as { type?: string }).type === 'ack') as { payload: unknown }[]).map(
        (m) => m.payload,
      );
    await vi.waitFor(() => expect(api.get().method).toBe('extension-revoke'), eventually);
    expect(api.get().choices.marketing).toBe('denied');
    await vi.waitFor(
      () => expect(acks()).toContainEqual({ replyTo: 'x1', ok: true, recordId: api.get().recordId }),
      eventually,
    );
    send({ ...envelope, id: 'x2', type: 'grant', payload: { purposes: ['marketing'] } });
    send({
      ...envelope,
      id: 'x3',
      type: 'revoke',
      payload: { purposes: ['marketing'], choices: { marketing: 'granted' } },
    });
    // Messages are handled in order and the forged ones are dropped on parse, so once a valid
    // revoke sent after them is acknowledged, they have had every chance to act.
    send({ ...envelope, id: 'x4', type: 'revoke', payload: { purposes: ['marketing'] } });
    await vi.waitFor(
      () => expect(acks().map((a) => (a as { replyTo: string }).replyTo)).toContain('x4'),
      eventually,
    );
    expect(api.get().choices.marketing).toBe('denied');
    expect((await storedRecords()).map((r) => r.method).sort()).toEqual(['accept-all', 'extension-revoke']);
  });

  it('registers the notice a record names before delivering the record (proof of notice)', async () => {
    const calls: { path: string; body: unknown }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const path = new URL(String(input)).pathname;
      const body: unknown = init?.body ? JSON.parse(String(init.body)) : null;
      calls.push({ path, body });
      if (path === '/v1/subjects')
        return Response.json({ subjectId: 'sub_n', token: 'sub_n.t' }, { status: 201 });
      if (path === '/v1/notices')
        return Response.json(
          { hash: await noticeHash((body as { notice: Notice }).notice) },
          { status: 201 },
        );
      if (path === '/v1/records') {
        const { records } = body as { records: { id: string }[] };
        return Response.json({ results: records.map((r) => ({ id: r.id, status: 'stored' })) });
      }
      return Response.json({ subjectId: 'sub_n', sites: {} });
    });
    const api = await boot(testConfig({ siteId: 'noticed', api: 'http://127.0.0.1:8787' }), chunks, window);
    await api.set({ analytics: 'granted' });
    await vi.waitFor(() => expect(calls.map((c) => c.path)).toContain('/v1/records'), { timeout: 3000 });
    const paths = calls.map((c) => c.path);
    const bodyOf = (path: string) => calls.find((c) => c.path === path)?.body ?? {};
    expect(paths.indexOf('/v1/notices')).toBeGreaterThanOrEqual(0);
    expect(paths.indexOf('/v1/notices')).toBeLessThan(paths.indexOf('/v1/records'));
    const notice = NoticeSchema.parse((bodyOf('/v1/notices') as { notice: unknown }).notice);
    const [record] = (bodyOf('/v1/records') as { records: ConsentRecord[] }).records;
    expect(record?.noticeHash).toBe(await noticeHash(notice));
    // No banner on screen and a decision from code: the preference center's texts, in this language.
    expect(notice).toMatchObject({ siteId: 'noticed', language: 'en', policyVersion: record?.policyVersion });
    expect(notice.texts['purpose.analytics.description']).toBe(en.purposes.analytics.description);
    expect(notice.texts.preferencesTitle).toBe(en.preferencesTitle);
    // Registered, it is pending no more; the next decision queues it again (the server answers 200:
    // idempotent), one small request per decision rather than a registry kept in storage.
    await api.set({ analytics: 'denied' });
    await vi.waitFor(() => expect(calls.filter((c) => c.path === '/v1/records')).toHaveLength(2), {
      timeout: 3000,
    });
    expect(calls.filter((c) => c.path === '/v1/notices')).toHaveLength(2);
  });

  it('announces again once the server issues the subject token (the extension needs it to revoke)', async () => {
    const token = 'sub_fromserver.secret-token';
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/v1/subjects'))
        return Response.json({ subjectId: 'sub_fromserver', token }, { status: 201 });
      if (url.endsWith('/v1/notices')) {
        const { notice } = JSON.parse(String(init?.body)) as { notice: Notice };
        return Response.json({ hash: await noticeHash(notice) }, { status: 201 });
      }
      if (url.endsWith('/v1/records')) {
        const { records } = JSON.parse(String(init?.body)) as { records: { id: string }[] };
        return Response.json({ results: records.map((r) => ({ id: r.id, status: 'stored' })) });
      }
      return Response.json({ subjectId: 'sub_fromserver', sites: {} });
    });
    const tokens: (string | null)[] = [];
    window.addEventListener('message', (e) => {
      const m = e.data as { ns?: string; type?: string; payload?: { siteId: string; token: string | null } };
      if (m?.ns === BRIDGE_NAMESPACE && m.type === 'announce' && m.payload?.siteId === 'synced')
        tokens.push(m.payload.token);
    });
    const api = await boot(testConfig({ siteId: 'synced', api: 'http://127.0.0.1:8787' }), chunks, window);
    await api.acceptAll();
    await vi.waitFor(() => expect(tokens.at(-1)).toBe(token), { timeout: 3000 });
  });

  it('fails closed when IndexedDB is unavailable: memory only, one warning, defaults denied', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const original = globalThis.indexedDB;
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    try {
      const api = await boot(testConfig({ siteId: 'memory' }), chunks, window);
      expect(api.get().choices).toMatchObject({ analytics: 'denied', marketing: 'denied' });
      await api.acceptAll();
      expect(api.get().choices.analytics).toBe('granted');
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', { value: original, configurable: true });
    }
  });
});
