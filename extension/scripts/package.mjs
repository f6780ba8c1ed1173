// `npm run package -w @coreitsm/extension`: store-ready zips of the built extension (run `npm run build`
// first), one per browser, in extension/artifacts/: `web-ext build` for both (for Chrome it is the same
// zip of the folder, with web-ext's default ignores: dotfiles, other zips and xpis). Prints each size;
// check-package.mjs then checks what is inside.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const BROWSERS = ['chrome', 'firefox'];
export const artifactsDir = join(root, 'artifacts');
export const zipPath = (browser) => join(artifactsDir, `coreconsent-${browser}-${version}.zip`);

function build(browser) {
  const source = join(root, 'dist', browser);
  if (!existsSync(join(source, 'manifest.json')))
    throw new Error(`${source}/manifest.json is missing: run \`npm run build -w @coreitsm/extension\` first`);
  const result = spawnSync(
    'npx',
    [
      'web-ext',
      'build',
      '--source-dir',
      source,
      '--artifacts-dir',
      artifactsDir,
      '--filename',
      `coreconsent-${browser}-${version}.zip`,
      '--overwrite-dest',
      '--no-config-discovery',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`web-ext build (${browser}) failed:\n${result.stdout}\n${result.stderr}`);
  console.log(
    `  ${browser}: ${zipPath(browser)} (${(statSync(zipPath(browser)).size / 1024).toFixed(1)} kB)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log('Packaging the extension:');
  for (const browser of BROWSERS) build(browser);
}
