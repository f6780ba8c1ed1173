// publint and @arethetypeswrong/cli on the packed tarballs (what a registry would serve), not on the folders.
// `npx --no-install`: the versions this workspace pins, never a download.
import { spawnSync } from 'node:child_process';
import { cleanEnv } from './clean-env.mjs';

const CHECKS = [
  // --strict: publint's warnings count as errors; suggestions are printed but do not fail.
  { tool: 'publint', args: (tarball) => ['publint', 'run', tarball, '--strict'] },
  {
    tool: 'attw',
    // The packages are ES modules only, by design (zod/mini and Preact are ESM; Node ≥ 20.19 loads
    // ESM from require()), so "CJS resolves to ESM" is expected; every other problem fails.
    args: (tarball) => [
      'attw',
      tarball,
      '--ignore-rules',
      'cjs-resolves-to-esm',
      '--format',
      'table-flipped',
    ],
  },
];

/**
 * `npm publish --dry-run`: what the registry would get, including npm's manifest normalization, which
 * only publish reports (e.g. a `bin` path it rewrites) — a published manifest should need none.
 * @param {string} name @param {string} root @returns {string | undefined} the failure
 */
export function publishDryRun(name, root) {
  const result = spawnSync('npm', ['publish', '--dry-run', '-w', name], {
    cwd: root,
    encoding: 'utf8',
    env: cleanEnv(),
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) return `npm publish --dry-run ${name} failed:\n${output}`;
  const corrected = output
    .split('\n')
    .filter((line) => /auto-corrected|errors corrected|was invalid|was renamed/.test(line));
  if (corrected.length > 0)
    return `npm publish --dry-run ${name} had to correct package.json:\n${corrected.join('\n')}`;
  console.log(`  npm publish --dry-run ${name}: no manifest corrections`);
  return undefined;
}

/** @param {{ name: string, tarball: string }[]} packed @returns {string[]} failures */
export function lintTarballs(packed) {
  const failures = [];
  for (const { name, tarball } of packed) {
    for (const { tool, args } of CHECKS) {
      const result = spawnSync('npx', ['--no-install', ...args(tarball)], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      if (result.status === 0) {
        console.log(`  ${tool} ${name}: clean`);
      } else {
        console.log(`  ${tool} ${name}: FAILED\n${result.stdout}${result.stderr}`);
        failures.push(`${tool} ${name}`);
      }
    }
  }
  return failures;
}
