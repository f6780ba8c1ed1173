// Size budgets of the built SDK (min+gzip, measured with node:zlib at level 9 like a CDN would
// serve it) and a must-not-appear check. Run by `npm run test:package -w @coreitsm/sdk` (in CI via
// `npm test`) after the build. Prints every figure so a change's cost is visible in the log.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
// Lazy files are served under content-hashed names; the build lists stable → served names here.
// Budgets below name files by their stable names.
const served = JSON.parse(readFileSync(join(dist, 'coreconsent-files.json'), 'utf8'));
const servedName = (file) => served[file] ?? file;
for (const file of readdirSync(dist).filter((f) => f.endsWith('.js')))
  if (!Object.values(served).includes(file)) {
    console.error(`✖ dist/${file} is not in dist/coreconsent-files.json (a stale or unlisted file)`);
    process.exit(1);
  }
// Every lazy file carries its content hash (the demo server and a CDN cache those as immutable);
// only the script tag's file keeps a stable name.
for (const [stable, file] of Object.entries(served))
  if (stable !== 'coreconsent.js' && !/\.[A-Za-z0-9_-]{8}\.js$/.test(file)) {
    console.error(`✖ ${file} has no content hash in its name`);
    process.exit(1);
  }
const gz = (file) => gzipSync(readFileSync(join(dist, servedName(file))), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;

const stableNames = Object.keys(served);
const languages = stableNames.filter((f) => /^coreconsent-lang-.+\.js$/.test(f));
const largestLanguage = languages.reduce((a, b) => (gz(a) >= gz(b) ? a : b));
const bannerLanguages = stableNames.filter((f) => /^coreconsent-banner-lang-.+\.js$/.test(f));
const largestBannerLanguage = bannerLanguages.reduce((a, b) => (gz(a) >= gz(b) ? a : b));
/** A file plus every file it statically imports (shared chunks), transitively. */
function filesOf(stable, seen = new Set()) {
  const file = servedName(stable);
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(/from\s*"\.\/([^"]+)"/g)) filesOf(m[1], seen);
  return seen;
}
/** What a set of entry files costs together, each file counted once. */
const cost = (...entries) => {
  const all = new Set();
  for (const entry of entries) for (const f of filesOf(entry)) all.add(f);
  return [...all].reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
};

// Aims from issue 8: 0.75× of cookieconsent v3 (15.5 kB JS+CSS, measured on this machine) before
// the person acts on a first visit; 12 kB for everything a returning visit downloads.
const AIM_RETURNING = 12 * 1024;
const AIM_FIRST_VISIT = 11_600; // bytes, as the issue and the bench count them

// Ceilings are the sizes measured when they were set + ~3%: a regression guard, not a goal.
// Issue 8 (the restructure) set every figure below; the history before it is in git.
const budgets = [
  // (a) What a returning visitor fetches and runs BEFORE consented tags run: coreconsent.js only
  // (config check, IndexedDB read, record check, gating, Consent Mode, US Privacy), plus what a
  // page needs while the runtime is not loaded: the `window.CoreConsent` facade, the banner's
  // driver, the tab channel and the extension's announce (critical/first-visit.ts, facade.ts,
  // announce.ts, and runtime-due.ts, the zod-free server state pull: +2.3 kB). No zod, no idb, no
  // Preact. This is ALL a returning visit downloads unless something needs the runtime (records in
  // the outbox, a decision the server knows and this browser does not, an API call, a message from
  // the extension). Measured 6.98 kB (the state pull also learns the server's clock for the banner's
  // records); 6.87 kB with check-timestamp.ts; 7.08 kB once the lazy files got content-hashed names
  // (the 14 hashes it loads by URL, ~8 incompressible bytes each, are in this file); 7.23 kB with the
  // early banner (critical/early-banner.ts); 7.37 kB once the announce carries the kept receipts
  // (issue 11: the `receipts` store, one checked `getAll`); +0.3 kB with the site configuration (issue 9:
  // finding it, waiting for its check, its purposes in every snapshot, its services' cookies, siteName).
  // 8.43 kB once the banner's raw-IndexedDB write moved in here with proof of notice (issue 9: the
  // notice's hash, core/notice.ts): it shares the subject check, the snapshot and the vocabulary with
  // this file, which coreconsent-banner.js had held a second copy of (1 kB of code): (c) got lighter.
  // 8.38 kB with the synchronous copy of the decision and the revocation cookie read before it
  // (critical/decision-copy.ts, +0.4 kB), paid for by moving two things out that no returning visit
  // on a page without a server, and no first visit, needs: the state pull (coreconsent-due.js, row
  // (a') below) and cookie deletion after a revocation (coreconsent-cookies.js).
  // 10.95 kB (11,213 B) once the banner moved in (issue 8, the banner at 1× CPU: ui/banner-dom.ts,
  // its CSS and the English strings, +2.6 kB): a first visit shows it with nothing fetched, and a
  // returning visit pays those bytes (and their parse: within the script-time aim in the bench),
  // still under the 12 kB aim. The ceiling is the measure + 3%.
  {
    name: '(a) returning visit: everything, unless the runtime is due (coreconsent.js)',
    size: cost('coreconsent.js'),
    limit: 11.3 * 1024,
    target: AIM_RETURNING,
  },
  // (a') The same on a page with `data-api`: + the state pull that decides whether the runtime is
  // due (critical/runtime-due.ts), loaded after the stored decision is in effect (never before the
  // tags). Measured 9.08 kB; 11.67 kB with the banner in (a).
  {
    name: "(a') returning visit on a page with data-api (a + coreconsent-due.js)",
    size: cost('coreconsent.js', 'coreconsent-due.js'),
    limit: 12 * 1024,
    target: AIM_RETURNING,
  },
  // (b) A returning visit when the runtime is due (see (a)): it loads after the tags have run, to
  // fetch and apply what the server knows, deliver the outbox: (a) + coreconsent-full.js and its
  // shared chunk (zod + protocol schemas ≈ 8 kB, idb, sync, bridge, API). Costs bytes, not tag
  // latency. Measured 28.44 kB; 29.10 kB once the protocol's record and answer schemas learned
  // receipts and noticeHash (issues 11 and 9: +0.6 kB of zod schemas in the runtime); 29.89 kB once
  // the SDK keeps receipts and announces them (issue 11: +0.29 kB, both files); +0.3 kB with the site
  // configuration in the loader (issue 9); 32.92 kB with proof of notice (issue 9: the notice's zod
  // schema with the services' for the stored notices, the center's texts, registering before delivery).
  // 36.24 kB with the banner in (a) (issue 8).
  {
    name: '(b) returning visit when the runtime is due (a + coreconsent-full.js and its imports)',
    size: cost('coreconsent.js', 'coreconsent-full.js'),
    limit: 37.3 * 1024,
  },
  // (c) A first visit before the person acts — everything fetched until the banner's first click
  // (the bench's "first visit" row), in English: the script tag alone, with the raw-IndexedDB write
  // behind the banner's buttons, the plain-DOM banner, its CSS and its English strings (issue 8:
  // the banner moved in, so a first visit fetches nothing before it shows; before, it was this +
  // coreconsent-banner.js, 2.44 kB, + one banner language). The full translation comes with the runtime. The runtime and Preact load only after the first interaction. A page
  // with blocked embeds adds their placeholder (+ the full translation, ~2.4 kB). Measured 10.68 kB (10,936 B);
  // the ceiling was the aim itself. 11.32 kB with the site configuration (issue 9), 11.47 kB with the
  // receipts the announce carries (issue 11), over the aim by 0.14 kB; 11.32 kB with proof of notice
  // (issue 9), which moved the banner's write into coreconsent.js (no second copy of what they share)
  // and the banner's texts are recorded as drawn: within the aim again, which is the ceiling. 11.27 kB
  // with the decision's synchronous copy (issue 8: see (a)): the state pull and cookie deletion left.
  // 10.95 kB (11,213 B) with the banner in the script tag.
  {
    name: '(c) first visit before interaction, English (coreconsent.js: the banner is in it)',
    size: cost('coreconsent.js'),
    limit: AIM_FIRST_VISIT,
    target: AIM_FIRST_VISIT,
  },
  // (c-xx) The same in another language: + that language's banner strings (the largest counted,
  // fetched as soon as the page's cookies hint at a first visit). 11.40 kB (11,674 B): over the aim
  // by 74 B, the English strings riding along unused. What would close it: a script tag per
  // language (coreconsent.de.js, a new public file name per language), or 0.1 kB less code in
  // coreconsent.js. The ceiling is the measure + 1%.
  {
    name: '(c-xx) first visit before interaction, another language ((c) + largest banner language)',
    size: cost('coreconsent.js', largestBannerLanguage),
    limit: 11.55 * 1024,
    target: AIM_FIRST_VISIT,
  },
  // (c') The same visit after "Accept all"/"Reject all": (c) + the runtime, which then delivers the
  // outbox, answers the extension and other tabs. Customize adds the UI chunk (below); the full
  // translation comes with the runtime. Measured 33.64 kB; 34.61 kB with receipts and noticeHash in
  // the schemas (+0.6 kB) and content-hashed names in the loader and the runtime (+0.4 kB); 37.37 kB
  // with proof of notice (see (b)).
  {
    name: "(c') first visit after a choice (c + coreconsent-full.js and its imports)",
    size: cost('coreconsent.js', largestBannerLanguage, 'coreconsent-full.js', largestLanguage),
    limit: 38.5 * 1024,
  },
  // (d) A California first visit: the runtime runs at once there (`__gpp`, `__uspapi`, the GPC
  // record), with the UI chunk driving the banner, plus IAB GPP (`@iabgpp/cmpapi`, usnat) — loaded
  // only where `ccpa` applies, never on an EU visit (the e2e first-visit spec checks which files
  // load). coreconsent-gpp.js alone is 17.3 kB, almost all IAB's library (it bundles every
  // section's encoder); a usnat-only encoder (~2 kB) is the lever left. Measured 56.21 kB; 59.99 kB
  // with the site configuration, receipts and proof of notice (issues 9 and 11).
  {
    name: '(d) California first visit (c + full + UI + coreconsent-gpp.js and its imports)',
    size: cost(
      'coreconsent.js',
      largestBannerLanguage,
      largestLanguage,
      'coreconsent-full.js',
      'coreconsent-ui.js',
      'coreconsent-gpp.js',
    ),
    limit: 61.8 * 1024,
  },
  // (e) A first visit on a page WITH a site configuration (contract: "Site configuration (SDK)"): (c)
  // + coreconsent-site.js, which reads and checks it without zod (config/check-site-config.ts, held to
  // protocol's SiteConfigSchema by a property test) and lays the site's texts over the banner's.
  // Loaded only on pages that have a configuration, in parallel with IndexedDB's open; a returning
  // visit loads it too (a purpose the site drops must stop running), (a) + 2.2 kB, within the 12 kB aim.
  // Measured 13.48 kB; 14.07 kB with the policy changes the banner shows on a re-prompt: 2.5 kB over
  // issue 8's first-visit aim, which the bench measures on a page
  // without one. What would close it: checking the configuration at build time (a CLI that signs a
  // checked config, so the page verifies a hash instead of every field).
  {
    name: '(e) first visit on a page with a site configuration ((c) + coreconsent-site.js)',
    size: cost('coreconsent.js', largestBannerLanguage, 'coreconsent-site.js'),
    limit: 14.5 * 1024,
  },
  // The UI chunk, loaded by the runtime for the preference center (and to drive the banner when the
  // runtime shows it): Preact 11 without hooks (~4.5 kB) and the view switching. Measured 5.30 kB.
  { name: 'UI chunk (coreconsent-ui.js + its imports)', size: cost('coreconsent-ui.js'), limit: 5.46 * 1024 },
  // The preference center, loaded on Customize / open(): hooks, history, rights form, its CSS.
  // Measured 3.36 kB; 3.77 kB with the services and cookie tables of the site configuration.
  {
    name: 'preference center (coreconsent-shared-preferences-dialog.js)',
    size: gz('coreconsent-shared-preferences-dialog.js'),
    limit: 3.9 * 1024,
  },
  // One translation: ~100 strings. 1.8 kB leaves room for longer languages.
  { name: 'largest translation', size: gz(largestLanguage), limit: 1.8 * 1024 },
  // The banner's strings of one language (nine strings). Measured 0.45 kB.
  { name: 'largest banner translation', size: gz(largestBannerLanguage), limit: 0.6 * 1024 },
];

let failed = false;
for (const { name, size, limit, target } of budgets) {
  const ok = size <= limit;
  failed ||= !ok;
  const aim = target
    ? ` (target ${kb(target)}: ${size <= target ? 'met' : `missed by ${kb(size - target)}`})`
    : '';
  console.log(`${ok ? '✔' : '✖'} ${name}: ${kb(size)} of ${kb(limit)}${aim}`);
}
for (const file of stableNames) console.log(`  ${file} (${served[file]}): ${kb(gz(file))}`);

// Classic zod must never reach the bundle: it does not tree-shake (~15 kB more). Its classes
// register under these names; zod/mini's are "ZodMini…" and core's "$Zod…".
const CLASSIC_ZOD_MARKERS = ['"ZodError"', '"ZodType"', '"ZodString"', '"ZodObject"'];
for (const file of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
  const code = readFileSync(join(dist, file), 'utf8');
  for (const marker of CLASSIC_ZOD_MARKERS) {
    if (code.includes(marker)) {
      console.error(`✖ ${file} contains ${marker}: classic zod reached the bundle (import from 'zod/mini')`);
      failed = true;
    }
  }
  // The critical path, with the first visit's banner in it, and the banner's strings must stay
  // zod-free: that is what keeps them small.
  if ((file === 'coreconsent.js' || /^coreconsent-banner-lang-/.test(file)) && /\$Zod|ZodMini/.test(code)) {
    console.error(`✖ ${file} (before the first interaction) contains zod`);
    failed = true;
  }
}
// zod's jitless setting must survive bundling: without it zod probes `new Function` (a CSP report).
// It is protocol's entry's side effect, in whichever file zod's config lands with the full SDK.
if (
  ![...filesOf('coreconsent-full.js')].some((f) => readFileSync(join(dist, f), 'utf8').includes('jitless'))
) {
  console.error('✖ coreconsent-full.js and its imports do not set zod jitless');
  failed = true;
}
if (failed) process.exit(1);
console.log('✔ no classic zod in any file');
