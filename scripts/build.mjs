// `npm run build` (and the build of `npm start` and `npm test`): `tsc -b`, then every workspace's own
// `build` script, printing one line per step. Each step's output is held back and dropped only when
// it is the tools' progress chatter (rollup's "a → b..." / "created b in 5s"); anything else — a
// warning no config explains, a script's message — is printed after that step's line, and a failing
// step prints everything it wrote, in full, then stops the build with its exit code.
//
// `--strict` (used by `npm test`): a step that succeeds but prints anything besides progress fails
// the build, so a new rollup warning is fixed at its cause or explained in its config's `onwarn`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProgressLine } from './build-output.mjs';

const strict = process.argv.includes('--strict');
const root = JSON.parse(readFileSync('package.json', 'utf8'));

/** Runs a command with stdout and stderr captured together, in order. */
function run(command, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code, signal) =>
      resolve({ code: code ?? 1, signal, output: Buffer.concat(chunks).toString() }),
    );
  });
}

async function step(title, command, args, cwd = '.') {
  const started = Date.now();
  const { code, signal, output } = await run(command, args, cwd);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    console.error(`✖ ${title} failed after ${seconds}s (exit ${signal ?? code}):`);
    process.stderr.write(output);
    process.exit(code);
  }
  const extra = output.split('\n').filter((line) => !isProgressLine(line));
  console.log(`✔ ${title} (${seconds}s)`);
  for (const line of extra) console.log(`  ${line}`);
  if (strict && extra.length > 0) {
    console.error(
      `✖ ${title} printed more than progress: fix it at its cause or explain it in the config (--strict)`,
    );
    process.exit(1);
  }
}

await step('tsc -b (every package)', 'npx', ['tsc', '-b']);
for (const workspace of root.workspaces) {
  const manifest = JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8'));
  if (!manifest.scripts?.build) continue;
  await step(`${manifest.name} built`, 'npm', ['run', 'build', '--silent'], workspace);
}
