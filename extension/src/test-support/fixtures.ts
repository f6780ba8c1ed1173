import 'fake-indexeddb/auto';
import type { AnyConsentRecord, SiteSnapshot } from '@coreitsm/protocol';
import type { BackgroundDeps } from '../background/deps.js';
import { openIdbStore } from '../store/idb-store.js';

/** Test fixtures: a fresh fake-indexeddb store, fake tabs/fetch, records and snapshots. */
let dbCounter = 0;

export const ORIGIN_A = 'http://localhost:8081';
export const ORIGIN_B = 'http://127.0.0.1:8082';
export const EXTENSION_ID = 'ext-test-id';
export const API = 'http://127.0.0.1:8787';

let idCounter = 0;
/** A valid UUIDv7-shaped id, increasing. */
export function uuid(): string {
  idCounter++;
  return `0193a1d2-7c1e-7a4b-9f00-${idCounter.toString(16).padStart(12, '0')}`;
}

export function record(overrides: Partial<AnyConsentRecord> = {}): AnyConsentRecord {
  return {
    id: uuid(),
    schemaVersion: 1,
    subjectId: 'sub_alice',
    siteId: 'servicedesk',
    origin: ORIGIN_A,
    policyVersion: '2026-04-08',
    policyUrl: `${ORIGIN_A}/privacy`,
    jurisdiction: 'gdpr',
    choices: { necessary: 'granted', functional: 'granted', analytics: 'granted', marketing: 'granted' },
    method: 'accept-all',
    gpc: false,
    language: 'en',
    createdAt: '2026-11-26T10:00:00.000Z',
    previous: null,
    ...overrides,
  };
}

export function snapshot(history: AnyConsentRecord[], overrides: Partial<SiteSnapshot> = {}): SiteSnapshot {
  const latest = history.at(-1);
  return {
    siteId: latest?.siteId ?? 'servicedesk',
    origin: latest?.origin ?? ORIGIN_A,
    policyVersion: '2026-04-08',
    policyUrl: `${ORIGIN_A}/privacy`,
    jurisdiction: 'gdpr',
    api: API,
    subjectId: 'sub_alice',
    token: 'token-alice',
    state: latest
      ? {
          choices: latest.choices,
          policyVersion: latest.policyVersion,
          jurisdiction: latest.jurisdiction,
          recordId: latest.id,
          createdAt: latest.createdAt,
        }
      : null,
    history,
    ...overrides,
  };
}

export function senderFor(origin: string, tabId = 7) {
  return { id: EXTENSION_ID, url: `${origin}/page`, frameId: 0, tab: { id: tabId, url: `${origin}/page` } };
}

export interface FakeWorld {
  deps: BackgroundDeps;
  revokedInTabs: { tabId: number; purposes: string[] }[];
  badges: Map<number, string>;
  requests: { url: string; init: RequestInit }[];
  scheduled: number[];
  /** The next answers of the fake server, in order; when empty it answers 201 with a record. */
  serverAnswers: (() => Response | Promise<Response>)[];
  clock: { now: number };
  openTabs: Map<string, number[]>;
  gpcCalls: { enabled: boolean; hosts: string[]; matches: string[] }[];
  hellos: number[];
  /** Ids of the records posted with `POST /v1/records` (a tab's own revocation record). */
  postedRecords: string[];
  /** Every `siteCookies` call, in order (refused ones too). */
  cookieCalls: CookieCall[];
  /** The cookies as the browser would hold them, keyed `origin name`. */
  cookieJar: Map<string, { value: string; expiresAtSeconds: number }>;
  /** When set, `siteCookies` rejects with it (cookies blocked, no host access). */
  cookieFailure: Error | null;
}

export type CookieCall =
  | { op: 'set'; origin: string; name: string; value: string; expiresAtSeconds: number }
  | { op: 'remove'; origin: string; name: string };

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A background with real (fake-indexeddb) storage and recording fakes for everything else. */
export async function fakeWorld(storeName?: string): Promise<FakeWorld> {
  const store = await openIdbStore(storeName ?? `test-${++dbCounter}-${Date.now()}`);
  const world: Omit<FakeWorld, 'deps'> = {
    revokedInTabs: [],
    badges: new Map(),
    requests: [],
    scheduled: [],
    serverAnswers: [],
    clock: { now: Date.parse('2026-11-26T12:00:00.000Z') },
    openTabs: new Map(),
    gpcCalls: [],
    hellos: [],
    postedRecords: [],
    cookieCalls: [],
    cookieJar: new Map(),
    cookieFailure: null,
  };
  const deps: BackgroundDeps = {
    store,
    async fetch(url, init) {
      world.requests.push({ url, init });
      const next = world.serverAnswers.shift();
      if (next) return next();
      if (url.endsWith('/v1/records')) {
        const { records } = JSON.parse(String(init.body)) as { records: { id: string }[] };
        world.postedRecords.push(...records.map((r) => r.id));
        return jsonResponse(200, { results: records.map((r) => ({ id: r.id, status: 'stored' })) });
      }
      const body = JSON.parse(String(init.body)) as { siteId: string; purposes: string[] };
      const choices: Record<string, string> = {
        necessary: 'granted',
        functional: 'granted',
        analytics: 'granted',
        marketing: 'granted',
      };
      for (const p of body.purposes) choices[p] = 'denied';
      return jsonResponse(201, {
        record: record({
          siteId: body.siteId,
          choices: choices as AnyConsentRecord['choices'],
          method: 'extension-revoke',
          createdAt: new Date(world.clock.now).toISOString(),
          receivedAt: new Date(world.clock.now).toISOString(),
        }),
      });
    },
    now: () => new Date(world.clock.now),
    random: () => 0.5,
    newId: uuid,
    extensionId: EXTENSION_ID,
    tabs: {
      async findByOrigin(origin) {
        return world.openTabs.get(origin) ?? [];
      },
      async hello(tabId) {
        world.hellos.push(tabId);
      },
      async revoke(tabId, purposes) {
        world.revokedInTabs.push({ tabId, purposes });
        // As the SDK does: a new record denying the purposes, which reaches the store with its announce.
        const origin = [...world.openTabs].find(([, ids]) => ids.includes(tabId))?.[0] ?? ORIGIN_A;
        const site = await store.getSite(origin);
        if (!site) return { applied: false, recordId: null };
        const choices = { ...(site.state?.choices ?? {}) } as AnyConsentRecord['choices'];
        for (const p of purposes) if (p in choices) choices[p] = 'denied';
        const made = record({
          subjectId: site.subjectId ?? 'sub_alice',
          siteId: site.siteId,
          origin,
          choices,
          method: 'extension-revoke',
          createdAt: new Date(world.clock.now).toISOString(),
        });
        await store.putRecords(origin, [made]);
        return { applied: true, recordId: made.id };
      },
    },
    badge: {
      async set(tabId, text) {
        world.badges.set(tabId, text);
      },
    },
    scheduleRetry: (at) => world.scheduled.push(at),
    gpc: {
      async apply(enabled, hosts, matches) {
        world.gpcCalls.push({ enabled, hosts, matches });
      },
    },
    async registerBridge() {},
    async hasHostPermission() {
      return true;
    },
    siteCookies: {
      async set(origin, name, value, expiresAtSeconds) {
        world.cookieCalls.push({ op: 'set', origin, name, value, expiresAtSeconds });
        if (world.cookieFailure) throw world.cookieFailure;
        world.cookieJar.set(`${origin} ${name}`, { value, expiresAtSeconds });
      },
      async remove(origin, name) {
        world.cookieCalls.push({ op: 'remove', origin, name });
        if (world.cookieFailure) throw world.cookieFailure;
        world.cookieJar.delete(`${origin} ${name}`);
      },
    },
  };
  // The same object the fakes close over, so a test can change a field (e.g. `cookieFailure`) later.
  return Object.assign(world, { deps });
}
