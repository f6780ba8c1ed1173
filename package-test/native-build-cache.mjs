// better-sqlite3 (the server's SQLite driver) compiles from source when its prebuilt binary cannot be
// downloaded, which takes 2–5 minutes on a loaded 2-core machine (this one reaches no host but the
// npm registry). prebuild-install, which better-sqlite3's install runs first, also looks for a
// "local prebuild" (its npm_config_<package>_local_prebuilds setting). Once a fresh-project install
// has compiled the driver, its binary is kept there in prebuild format, under the user's cache folder,
// so later runs install in seconds. Nothing is taken from this repository: a machine's first run compiles.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CACHE = join(
  process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
  'coreitsm-package-test',
  'prebuilds',
);

/** prebuild-install's file name: {name}-v{version}-{runtime}-v{abi}-{platform}{libc}-{arch}.tar.gz (glibc: no libc part). */
function prebuildName(version) {
  const { arch, platform, versions } = process;
  return `better-sqlite3-v${version}-node-v${versions.modules}-${platform}-${arch}.tar.gz`;
}

/** The environment that points better-sqlite3's install at the kept binaries. */
export function nativeCacheEnv() {
  return { npm_config_better_sqlite3_local_prebuilds: CACHE };
}

/** Keeps the driver a fresh-project install built, unless one for this version and Node ABI is kept already. */
export function keepNativeBuild(projectDir) {
  const pkgDir = join(projectDir, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const file = join(CACHE, prebuildName(version));
  if (existsSync(file) || !existsSync(join(pkgDir, 'build', 'Release', 'better_sqlite3.node'))) return;
  mkdirSync(CACHE, { recursive: true });
  const result = spawnSync('tar', ['-czf', file, '-C', pkgDir, 'build/Release/better_sqlite3.node']);
  if (result.status === 0) console.log(`  kept the compiled better-sqlite3 for later runs: ${file}`);
}
