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
const largestLanguage = Math.max(...languages.map(gz));
const loader = gz('coreconsent.js');
/** A lazy file plus every file it statically imports (shared chunks), each counted once. */
function withImports(file, seen = new Set()) {
  if (seen.has(file)) return 0;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  const imports = [...code.matchAll(/from\s*"\.\/([^"]+)"/g)].map((m) => m[1]);
  return gz(file) + imports.reduce((sum, dep) => sum + withImports(dep, seen), 0);
}
const ui = withImports('coreconsent-ui.js');

// Targets from the issue: 0.75× of cookieconsent v3 (15.5 kB JS+CSS, measured on this machine).
// They are NOT met; the enforced ceilings below are regression guards, and the gap is explained:
// the dependencies the design mandates cost more than the targets on their own — zod/mini with
// protocol's record schema ≈ 7.9 kB (every stored value, server answer and bridge message is
// parsed), Preact 11 + hooks ≈ 5.5 kB, idb ≈ 1.3 kB. See sdk/README.md, "Size".
const TARGET_RETURNING = 7 * 1024;
const TARGET_FIRST_VISIT = 11.6 * 1024;

const budgets = [
  // A returning visitor loads the loader only (UI and translations stay lazy): zod/mini schemas
  // (~8 kB) + idb + core, gating, signals, sync and bridge. Ceiling = measured 19.6 kB + ~5%.
  { name: 'returning visit (coreconsent.js)', size: loader, limit: 20.5 * 1024, target: TARGET_RETURNING },
  // First visit with the banner: loader + UI (Preact, banner, preference center, CSS) + the
  // largest translation. Ceiling = measured 30.3 kB + ~4%.
  {
    name: 'first visit (loader + UI + CSS + largest language)',
    size: loader + ui + largestLanguage,
    limit: 31.5 * 1024,
    target: TARGET_FIRST_VISIT,
  },
  // The UI chunk alone: Preact 11 + hooks is ~5.5 kB of it; the rest is ours.
  { name: 'UI chunk (coreconsent-ui.js + its imports)', size: ui, limit: 9.6 * 1024 },
  // One translation: ~100 strings. 1.8 kB leaves room for longer languages.
  { name: 'largest translation', size: largestLanguage, limit: 1.8 * 1024 },
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
  // zod's jitless setting must survive bundling: without it zod probes `new Function` (a CSP report).
  if (file === 'coreconsent.js' && !code.includes('jitless')) {
    console.error('✖ coreconsent.js does not set zod jitless');
    failed = true;
  }
}
if (failed) process.exit(1);
console.log('✔ no classic zod in any file');
