// Receipt checks at the extension's size bound (not a test): one site's whole kept history
// (MAX_RECORDS_PER_ORIGIN = 200 records) and one popup page (50), each record with a real Ed25519
// receipt, checked by the real background (extension/dist/chrome) in real Chromium — against the
// same history without receipts, in the same run. The server's keys are pinned in the store and its
// address is unreachable, so this is the offline path a person hits every time they open a history.
// Run: `npm run build && node bench/extension/receipts-bench.mjs` (BENCH_RUNS, default 15).
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalRecordJson } from '@coreitsm/protocol';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumOrExit } from '../../scripts/find-chromium.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const RECORDS = 200;
const EXTENSION_DIR = fileURLToPath(new URL('../../extension/dist/chrome', import.meta.url));
const API = 'http://127.0.0.1:9'; // discard port: any network call would fail, and the check would say so
const b64 = (buf) => Buffer.from(buf).toString('base64url');

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const { x } = publicKey.export({ format: 'jwk' });
const kid = b64(
  createHash('sha256')
    .update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest(),
);
const jwk = { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };

function site(origin, siteId, withReceipts) {
  const rows = [];
  for (let n = 0; n < RECORDS; n++) {
    const createdAt = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
    const record = {
      id: `0193a1d2-7c1e-7a4b-9${withReceipts ? 'f' : 'e'}00-${n.toString(16).padStart(12, '0')}`,
      schemaVersion: 1,
      subjectId: 'sub_bench',
      siteId,
      origin,
      policyVersion: '2026-04-08',
      policyUrl: `${origin}/privacy`,
      jurisdiction: 'gdpr',
      choices: {
        necessary: 'granted',
        functional: 'granted',
        analytics: n % 2 ? 'granted' : 'denied',
        marketing: 'denied',
      },
      method: 'preferences',
      gpc: false,
      language: 'en',
      createdAt,
      previous: null,
    };
    const h = createHash('sha256').update(canonicalRecordJson(record)).digest('hex');
    const head = b64(JSON.stringify({ alg: 'EdDSA', kid }));
    const body = b64(
      JSON.stringify({ iss: API, sub: record.subjectId, rid: record.id, sid: siteId, h, rat: createdAt }),
    );
    const receipt = `${head}.${body}.${b64(sign(null, Buffer.from(`${head}.${body}`), privateKey))}`;
    const grants = Object.values(record.choices).filter((v) => v === 'granted').length;
    rows.push({
      schemaVersion: 1,
      origin,
      record,
      at: Date.parse(createdAt),
      rank: -grants,
      ...(withReceipts ? { receipt } : {}),
    });
  }
  return rows;
}

const profile = mkdtempSync(join(tmpdir(), 'coreitsm-receipts-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumOrExit(),
  headless: true,
  args: [
    ...CHROMIUM_ARGS,
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
  ],
});
try {
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const sites = [
    {
      origin: 'https://receipts.example',
      siteId: 'receipts',
      rows: site('https://receipts.example', 'receipts', true),
    },
    { origin: 'https://bare.example', siteId: 'bare', rows: site('https://bare.example', 'bare', false) },
  ];
  await worker.evaluate(
    async ({ sites, jwk, api }) => {
      const open = () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.open('coreitsm-extension');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      let db = await open();
      for (let i = 0; i < 50 && !db.objectStoreNames.contains('keysets'); i++) {
        db.close();
        await new Promise((r) => setTimeout(r, 100));
        db = await open();
      }
      const tx = db.transaction(['sites', 'records', 'summaries', 'keysets'], 'readwrite');
      const now = new Date().toISOString();
      tx.objectStore('keysets').put({
        schemaVersion: 1,
        api,
        keys: [jwk],
        pinnedAt: now,
        fetchedAt: now,
        changed: [],
      });
      for (const s of sites) {
        for (const row of s.rows) tx.objectStore('records').put(row);
        const last = s.rows.at(-1).record;
        tx.objectStore('summaries').put({
          schemaVersion: 1,
          origin: s.origin,
          recordCount: s.rows.length,
          lastRecordAt: last.createdAt,
        });
        tx.objectStore('sites').put({
          schemaVersion: 1,
          origin: s.origin,
          siteId: s.siteId,
          policyVersion: '2026-04-08',
          policyUrl: null,
          jurisdiction: 'gdpr',
          api,
          subjectId: 'sub_bench',
          token: null,
          state: null,
          confirmedAt: null,
          pending: {},
        });
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { sites: sites.map(({ origin, siteId, rows }) => ({ origin, siteId, rows })), jwk, api: API },
  );
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  const history = (siteId, origin, limit) =>
    page.evaluate(
      async ({ siteId, origin, limit }) => {
        const started = performance.now();
        const answer = await chrome.runtime.sendMessage({
          type: 'sites:history',
          payload: { siteId, origin, limit },
        });
        const ms = performance.now() - started;
        const statuses = {};
        for (const check of Object.values(answer.value?.receipts ?? {}))
          statuses[check.status] = (statuses[check.status] ?? 0) + 1;
        return { ms, statuses, ok: answer.ok };
      },
      { siteId, origin, limit },
    );
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = [];
  for (const limit of [RECORDS, 50]) {
    const timed = { receipts: [], bare: [] };
    let statuses;
    for (let i = 0; i < RUNS; i++) {
      for (const s of sites) {
        const r = await history(s.siteId, s.origin, limit);
        if (!r.ok) throw new Error(`sites:history failed for ${s.siteId}`);
        timed[s.siteId].push(r.ms);
        if (s.siteId === 'receipts') statuses = r.statuses;
      }
    }
    if (statuses.verified !== limit)
      throw new Error(`expected ${limit} verified, got ${JSON.stringify(statuses)}`);
    rows.push({ limit, withReceipts: median(timed.receipts), without: median(timed.bare), statuses });
  }
  console.log(
    `Receipt checks in the background (Chromium, ${RUNS} runs, medians; keys pinned, server unreachable)`,
  );
  console.log(
    '| history read | with receipts (all verified) | same records, no receipts | checking costs | per receipt |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.limit} records | ${r.withReceipts.toFixed(1)} ms | ${r.without.toFixed(1)} ms | ${(r.withReceipts - r.without).toFixed(1)} ms | ${((r.withReceipts - r.without) / r.limit).toFixed(3)} ms |`,
    );
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
