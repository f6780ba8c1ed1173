// Packs the published packages exactly as `npm publish` would (prepack runs clean-package), into one folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanEnv } from './clean-env.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
export const PUBLISHED = ['@coreitsm/protocol', '@coreitsm/sdk', '@coreitsm/server'];

/** What a package's build must have left, so a forgotten build fails here and not as a missing file later. */
const BUILT = {
  '@coreitsm/protocol': 'protocol/dist/index.js',
  '@coreitsm/sdk': 'sdk/dist/coreconsent.js',
  '@coreitsm/server': 'server/dist/cli/main.js',
};

/**
 * @param {string} destination folder for the tarballs (emptied first)
 * @returns {{ name: string, version: string, tarball: string, files: string[], size: number, unpackedSize: number }[]}
 */
export function packPublished(destination) {
  for (const [name, file] of Object.entries(BUILT)) {
    if (!existsSync(join(ROOT, file)))
      throw new Error(`${name} is not built (${file} missing): run npm run build`);
  }
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const args = [
    'pack',
    '--json',
    '--pack-destination',
    destination,
    ...PUBLISHED.flatMap((name) => ['-w', name]),
  ];
  const result = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', env: cleanEnv() });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  // npm prints the lifecycle scripts' output before the JSON; the JSON is the last thing it writes.
  const reports = JSON.parse(result.stdout.slice(result.stdout.indexOf('\n[') + 1));
  const tarballs = readdirSync(destination);
  return reports.map((report) => {
    if (!tarballs.includes(report.filename))
      throw new Error(`npm pack reported ${report.filename}, not written`);
    return {
      name: report.name,
      version: report.version,
      tarball: join(destination, report.filename),
      files: report.files.map((file) => file.path),
      size: report.size,
      unpackedSize: report.unpackedSize,
    };
  });
}
