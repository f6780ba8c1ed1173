// publint and @arethetypeswrong/cli on the packed tarballs (what a registry would serve), not on the folders.
// `npx --no-install`: the versions this workspace pins, never a download.
import { spawnSync } from 'node:child_process';

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
