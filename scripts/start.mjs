// `npm start`: build, start the consent server (SQLite under ./data/) and the two demo sites, and
// print where everything is — including where to load the unpacked extension — once all listen.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const serverPort = process.env.COREITSM_PORT ?? '8787';
const [servicedeskPort = '8081', statusPort = '8082'] = (process.env.COREITSM_SITE_PORTS ?? '')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
const siteOrigins = [`http://localhost:${servicedeskPort}`, `http://127.0.0.1:${statusPort}`];
// The admin console needs a token; a demo run without one gets a fresh one, printed below.
const adminToken = process.env.ADMIN_TOKEN ?? randomBytes(18).toString('base64url');

const parts = [
  {
    name: 'server',
    ready: /listening on (\S+)/,
    command: 'node',
    args: ['server/bin/coreconsent-server.js', 'start', '--port', serverPort],
    env: { ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? siteOrigins.join(','), ADMIN_TOKEN: adminToken },
  },
  {
    name: 'sites',
    ready: /Status Portal/,
    command: 'node',
    args: ['demo-site/bin/demo-sites.js'],
    env: {},
  },
];

function printSummary(serverUrl) {
  const root = process.cwd();
  console.log(`
CoreITsm Consent demo is running
  Service Desk  ${siteOrigins[0]}/   (EU: ?jurisdiction=gdpr, California: ?jurisdiction=ccpa)
  Status Portal ${siteOrigins[1]}/
  Consent server ${serverUrl}   (SQLite: ${resolve('data/consent.db')})
  Admin console  ${serverUrl}/admin   token: ${process.env.ADMIN_TOKEN ? '(your ADMIN_TOKEN)' : adminToken}
  Extension      Chrome: chrome://extensions → Developer mode → Load unpacked → ${root}/extension/dist/chrome
                 Firefox: about:debugging → Load Temporary Add-on → ${root}/extension/dist/firefox/manifest.json
Ctrl-C stops everything.`);
}

let pending = parts.length;
let serverUrl = `http://127.0.0.1:${serverPort}`;
// Until everything listens, the parts' start-up lines are held back: the summary says the same. They
// are printed in full if a part exits first (its error is in them); after the summary, logs stream.
const held = [];
const print = (line) => (pending === 0 ? console.log(line) : held.push(line));
const children = parts.map(({ name, ready, command, args, env }) => {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let isReady = false;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        print(`[${name}] ${line}`);
        const match = !isReady && ready.exec(line);
        if (!match) continue;
        isReady = true;
        if (name === 'server' && match[1]) serverUrl = match[1];
        if (--pending > 0) continue;
        held.length = 0;
        printSummary(serverUrl);
      }
    });
  }
  child.on('exit', (code) => {
    for (const line of held.splice(0)) console.log(line);
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
