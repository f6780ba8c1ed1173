// Size budgets of the built SDK (min+gzip, measured with node:zlib at level 9 like a CDN would
// serve it) and a must-not-appear check. Run by `npm run test:package -w @coreitsm/sdk` (in CI via
// `npm test`) after the build. Prints every figure so a change's cost is visible in the log.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;

const languages = readdirSync(dist).filter((f) => /^coreconsent-lang-.+\.js$/.test(f));
const largestLanguage = languages.reduce((a, b) => (gz(a) >= gz(b) ? a : b));
/** A file plus every file it statically imports (shared chunks), transitively. */
function filesOf(file, seen = new Set()) {
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
  return [...all].reduce((sum, f) => sum + gz(f), 0);
};

// Aims from issue 4: 0.75× of cookieconsent v3 (15.5 kB JS+CSS, measured on this machine).
const AIM_RETURNING = 7 * 1024;
const AIM_FIRST_VISIT = 11.6 * 1024;

// Ceilings are the sizes measured when they were set + ~3%: a regression guard, not a goal.
const budgets = [
  // (a) What a returning visitor fetches and runs BEFORE consented tags run: coreconsent.js only
  // (config check, IndexedDB read, record check, gating, Consent Mode, US Privacy). No zod, no
  // idb, no Preact: that is the point of the split. Measured 4.35 kB.
  {
    name: '(a) returning visit, critical path (coreconsent.js)',
    size: cost('coreconsent.js'),
    limit: 4.5 * 1024,
    target: AIM_RETURNING,
  },
  // (b) Everything a returning visitor eventually loads (data-api set, no UI, outside the US):
  // the critical path + coreconsent-full.js and its shared chunk (zod + protocol schemas ≈ 8 kB,
  // idb, sync, bridge, API). Loaded after the tags run, so it costs bytes, not tag latency.
  // ~3 kB more than the single file before the split: the full file repeats the critical
  // path's gating and state code (an IIFE cannot share modules with ES chunks). Measured 24.9 kB;
  // 25.87 kB after issue 10's hardening (the outbox sets refused records aside and learns the server's
  // clock, +0.5 kB) and the choices' `__proto__` guard (+0.2 kB). Issue 8 moves most of it off the
  // returning visit; until then this guards against growth.
  {
    name: '(b) returning visit, total (+ coreconsent-full.js and its imports)',
    size: cost('coreconsent.js', 'coreconsent-full.js'),
    limit: 27.2 * 1024, // 26.50 kB with the receipt and noticeHash schemas (issues 11 and 9, +0.6 kB)
  },
  // (c) What a first visit loads before the banner is up: critical path + banner UI (Preact, CSS)
  // + the visitor's language (largest counted) + the full SDK, which mounts the banner and
  // records the choice. Measured 33.1 kB (the preference center is not part of it: it loads on
  // Customize / open()). 34.33 kB after the hardening of (b) and the phone-viewport fix (UI chunk).
  {
    name: '(c) first visit with banner (a + full + UI + CSS + largest language)',
    size: cost('coreconsent.js', 'coreconsent-full.js', 'coreconsent-ui.js', largestLanguage),
    limit: 35.3 * 1024,
    target: AIM_FIRST_VISIT,
  },
  // (d) A California first visit: (c) plus IAB GPP (`@iabgpp/cmpapi`, usnat) — loaded only where
  // `ccpa` applies, never on an EU visit (the e2e first-visit spec checks which files load).
  // Measured 50.85 kB: coreconsent-gpp.js alone is 17.3 kB, almost all of it IAB's library (it
  // bundles every section's encoder). A usnat-only encoder would be ~2 kB: the lever for issue 8.
  {
    name: '(d) California first visit (c + coreconsent-gpp.js and its imports)',
    size: cost(
      'coreconsent.js',
      'coreconsent-full.js',
      'coreconsent-ui.js',
      largestLanguage,
      'coreconsent-gpp.js',
    ),
    limit: 52.4 * 1024,
  },
  // The banner's own files (the issue's definition of a first visit: script + banner + CSS +
  // language), without the full SDK behind the buttons. Measured 12.6 kB.
  {
    name: '    banner files only (a + UI + CSS + largest language)',
    size: cost('coreconsent.js', 'coreconsent-ui.js', largestLanguage),
    limit: 13 * 1024,
    target: AIM_FIRST_VISIT,
  },
  // The banner's UI file: Preact 11 without hooks (~4.5 kB), the banner, the banner's CSS, and
  // the space it reserves for focus (WCAG 2.4.11), and keeping itself inside a phone's visual
  // viewport over a page wider than the screen (+0.27 kB: follow-visual-viewport.ts and the CSS
  // that reads it). Measured 6.96 kB.
  { name: 'UI chunk (coreconsent-ui.js + its imports)', size: cost('coreconsent-ui.js'), limit: 7.15 * 1024 },
  // The preference center, loaded on Customize / open(): hooks, history, rights form, its CSS.
  // Measured 3.36 kB.
  {
    name: 'preference center (coreconsent-shared-preferences-dialog.js)',
    size: gz('coreconsent-shared-preferences-dialog.js'),
    limit: 3.5 * 1024,
  },
  // One translation: ~100 strings. 1.8 kB leaves room for longer languages.
  { name: 'largest translation', size: gz(largestLanguage), limit: 1.8 * 1024 },
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
for (const file of readdirSync(dist).filter((f) => f.endsWith('.js')))
  console.log(`  ${file}: ${kb(gz(file))}`);

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
  // The critical path must stay zod-free: that is what keeps it small (see the budget above).
  if (file === 'coreconsent.js' && /\$Zod|ZodMini/.test(code)) {
    console.error('✖ coreconsent.js (the critical path) contains zod');
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
