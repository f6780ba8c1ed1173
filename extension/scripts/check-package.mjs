// Checks the store zips package.mjs wrote (run by `npm run test:package`, so by `npm test`): each holds
// exactly the built folder's files, only the kinds a store package should (no source maps, sources,
// tests or dotfiles), a valid Manifest V3 manifest of this version whose every referenced file is in
// the zip, and pages whose scripts and styles are there too. Prints the sizes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { BROWSERS, zipPath } from './package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// What a store package may hold: the manifest, bundles, pages and their CSS, translations, icons.
const ALLOWED = [
  /^manifest\.json$/,
  /^[\w-]+\.js$/,
  /^[\w-]+\.html$/,
  /^[\w-]+\.css$/,
  /^_locales\/[a-z]{2}(_[A-Z]{2})?\/messages\.json$/,
  /^icons\/icon-\d+\.png$/,
];
const failures = [];
const fail = (message) => failures.push(message);

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)).split('\\').join('/'))
    .sort();
}

/** Every file path the manifest names. */
function referencedFiles(manifest) {
  const files = [
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
  ];
  if (manifest.default_locale) files.push(`_locales/${manifest.default_locale}/messages.json`);
  return files.filter((f) => typeof f === 'string');
}

for (const browser of BROWSERS) {
  const zip = zipPath(browser);
  let entries;
  try {
    entries = unzipSync(readFileSync(zip));
  } catch (error) {
    fail(`${browser}: cannot read ${zip} (${error.message}); run \`npm run package -w @coreitsm/extension\``);
    continue;
  }
  const names = Object.keys(entries)
    .filter((n) => !n.endsWith('/'))
    .sort();
  const built = filesUnder(join(root, 'dist', browser));
  const missing = built.filter((f) => !names.includes(f));
  const extra = names.filter((f) => !built.includes(f));
  if (missing.length) fail(`${browser}: the zip lacks ${missing.join(', ')}`);
  if (extra.length) fail(`${browser}: the zip has files the build does not: ${extra.join(', ')}`);
  const unintended = names.filter((n) => !ALLOWED.some((p) => p.test(n)));
  if (unintended.length) fail(`${browser}: files a store package should not hold: ${unintended.join(', ')}`);

  const text = (name) => new TextDecoder().decode(entries[name]);
  let manifest;
  try {
    manifest = JSON.parse(text('manifest.json'));
  } catch (error) {
    fail(`${browser}: manifest.json is not JSON (${error.message})`);
    continue;
  }
  if (manifest.manifest_version !== 3)
    fail(`${browser}: manifest_version is ${manifest.manifest_version}, not 3`);
  if (manifest.version !== version)
    fail(`${browser}: manifest version ${manifest.version}, package ${version}`);
  for (const file of referencedFiles(manifest))
    if (!entries[file]) fail(`${browser}: the manifest names ${file}, which is not in the zip`);
  // Each browser's background: a service worker for Chrome, event-page scripts (and an id) for Firefox.
  if (browser === 'chrome' && !manifest.background?.service_worker)
    fail('chrome: no background.service_worker');
  if (
    browser === 'firefox' &&
    !(manifest.background?.scripts?.length && manifest.browser_specific_settings?.gecko?.id)
  )
    fail('firefox: needs background.scripts and browser_specific_settings.gecko.id');
  // `__MSG_name__` placeholders resolve in the default locale.
  const messages = JSON.parse(text(`_locales/${manifest.default_locale}/messages.json`));
  for (const [, key] of JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g))
    if (!messages[key]?.message)
      fail(`${browser}: __MSG_${key}__ has no message in ${manifest.default_locale}`);
  // The pages' own scripts and styles.
  for (const page of names.filter((n) => n.endsWith('.html')))
    for (const [, ref] of text(page).matchAll(/(?:src|href)="([^"#?]+)"/g))
      if (!/^[a-z]+:/.test(ref) && !entries[ref])
        fail(`${browser}: ${page} refers to ${ref}, not in the zip`);

  const unpacked = names.reduce((sum, n) => sum + entries[n].length, 0);
  const largest = names
    .map((n) => [n, entries[n].length])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([n, size]) => `${n} ${(size / 1024).toFixed(1)} kB`)
    .join(', ');
  console.log(
    `  ${browser}: ${(statSync(zip).size / 1024).toFixed(1)} kB zipped, ${(unpacked / 1024).toFixed(1)} kB in ${names.length} files (largest: ${largest})`,
  );
}

if (failures.length) {
  for (const f of failures) console.error(`✖ ${f}`);
  process.exit(1);
}
console.log('✔ store packages: exactly the built files, valid manifests, every referenced file present');
