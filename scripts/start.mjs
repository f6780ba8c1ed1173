// `npm start`: build, then start whatever exists of the demo (server, demo sites) and print where
// everything is. It grows with each package; what is not built yet is said, not faked.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const parts = [];
if (existsSync('server/bin/coreconsent-server.js')) {
  parts.push({
    name: 'server',
    command: 'node',
    args: ['server/bin/coreconsent-server.js', 'start', '--port', process.env.COREITSM_PORT ?? '8787'],
  });
} else {
  console.log('server: not built yet (issue "Consent server")');
}
if (existsSync('demo-site/bin/demo-sites.js')) {
  parts.push({ name: 'sites', command: 'node', args: ['demo-site/bin/demo-sites.js'] });
} else {
  console.log('demo sites: not built yet (issue "Consent SDK and the demo sites")');
}
if (existsSync('extension/dist/chrome/manifest.json')) {
  console.log(
    `extension: load the unpacked extension from ${process.cwd()}/extension/dist/chrome (chrome://extensions → Developer mode → Load unpacked)`,
  );
  console.log(
    `           Firefox: about:debugging → Load Temporary Add-on → ${process.cwd()}/extension/dist/firefox/manifest.json`,
  );
} else {
  console.log('extension: not built yet (issue "The companion extension")');
}
if (parts.length === 0) {
  console.log('Nothing to run yet: only the shared protocol package exists. `npm test` checks it.');
  process.exit(0);
}
const children = parts.map(({ name, command, args }) => {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line) console.log(`[${name}] ${line}`);
    });
  }
  child.on('exit', (code) => {
    console.log(`[${name}] exited with ${code}`);
    for (const other of children) other.kill();
    process.exit(code ?? 1);
  });
  return child;
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
