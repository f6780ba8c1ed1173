// A site owner and an operator, with nothing but the packed tarballs: a new project outside this
// repository (no workspace links, nothing resolved from its node_modules) installs the three
// @coreitsm tarballs plus Vite and TypeScript from the registry, then
//   (b) the installed server bin migrates a fresh SQLite file, serves /healthz (200), POST /v1/subjects (201)
//       and the admin console's assets; with DATABASE_URL, the same on a PostgreSQL database of its own;
//   (a) a Vite + TypeScript page importing @coreitsm/sdk type-checks and builds, is served, and in
//       Chromium shows the banner; "Accept all" records the choice and the installed server stores it.
// Every process it starts is stopped before it returns, failure or not.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumOrExit } from '../scripts/find-chromium.mjs';
import { cleanEnv } from './clean-env.mjs';
import { keepNativeBuild, nativeCacheEnv } from './native-build-cache.mjs';

/** The tools a site owner would pick today, pinned so the check is repeatable (and comes from npm's cache). */
const SITE_TOOLS = { vite: '8.3.8', typescript: '6.0.3' };
const ADMIN_TOKEN = randomBytes(24).toString('base64url');

function run(title, command, args, cwd, env = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: cleanEnv(env) });
  if (result.status !== 0) {
    throw new Error(
      `${title} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
  console.log(`  ${title} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return result.stdout;
}

function writeProject(dir, packed) {
  const dependency = (name) => `file:${packed.find((p) => p.name === name).tarball}`;
  const manifest = {
    name: 'fresh-consent-site',
    private: true,
    type: 'module',
    dependencies: Object.fromEntries(packed.map((p) => [p.name, dependency(p.name)])),
    devDependencies: SITE_TOOLS,
    // The SDK and the server depend on @coreitsm/protocol by version; take it from its tarball too,
    // never from the registry.
    overrides: { '@coreitsm/protocol': '$@coreitsm/protocol' },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(import.meta.dirname, 'fixture'), dir, { recursive: true });
}

/** Starts the installed bin; resolves with its URL once it prints "listening on URL". */
function startServer(dir, db, children) {
  const bin = join(dir, 'node_modules', '.bin', 'coreconsent-server');
  const child = spawn(bin, ['start', '--port', '0', '--db', db], {
    cwd: dir,
    env: cleanEnv({ ADMIN_TOKEN, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not listen within 30 s:\n${output}`)),
      30_000,
    );
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}

async function expectStatus(url, init, expected) {
  const response = await fetch(url, init);
  if (response.status !== expected) {
    throw new Error(
      `${init?.method ?? 'GET'} ${url}: ${response.status}, expected ${expected}: ${await response.text()}`,
    );
  }
  return response;
}

/** (b): what an operator's first minute checks. */
async function checkServer(serverUrl, label) {
  await expectStatus(`${serverUrl}/healthz`, undefined, 200);
  const subject = await (await expectStatus(`${serverUrl}/v1/subjects`, { method: 'POST' }, 201)).json();
  if (typeof subject.token !== 'string')
    throw new Error(`POST /v1/subjects answered ${JSON.stringify(subject)}`);
  // The admin console's files are found inside the installed package.
  const page = await (await expectStatus(`${serverUrl}/admin`, undefined, 200)).text();
  for (const asset of page.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) {
    await expectStatus(new URL(asset[1], `${serverUrl}/admin/`).href, undefined, 200);
  }
  console.log(`  server bin on ${label}: /healthz 200, POST /v1/subjects 201, /admin and its assets 200`);
}

/** A database of its own on the PostgreSQL server, so parallel runs never share tables. */
async function withPostgresDatabase(dir, databaseUrl, body) {
  const { Client } = createRequire(join(dir, 'package.json'))('pg');
  const name = `cc_package_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    await body(url.href);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};
/**
 * Serves a folder as a static host would, under a path prefix; `cors` as package CDNs send it (the
 * SDK's lazy files are ES modules, which a page may import from another origin only with CORS).
 */
function serveStatic(root, { prefix = '/', cors = false } = {}) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) return response.writeHead(404).end();
    const rest = normalize(path.slice(prefix.length));
    const file = join(root, rest === '.' || rest.endsWith('/') ? `${rest}/index.html` : rest);
    try {
      const body = readFileSync(file);
      response
        .writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          ...(cors ? { 'access-control-allow-origin': '*' } : {}),
        })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}${prefix}` });
    }),
  );
}

/** A page that loads the installed package's script tag from the "CDN" origin, at the path a package CDN uses. */
function scriptTagPage(scriptUrl, serverUrl) {
  return `<!doctype html>
<html lang="de">
  <head><meta charset="utf-8" /><title>Script tag from a package CDN</title></head>
  <body>
    <h1>Script tag</h1>
    <script src="${scriptUrl}" async data-site="fresh-project-cdn" data-api="${serverUrl}"
            data-policy-version="2026-12-01" data-jurisdiction="gdpr"></script>
  </body>
</html>
`;
}

async function waitForStoredChoice(serverUrl, siteId) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(`${serverUrl}/v1/admin/stats`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const stats = await response.json();
    if (stats.bySite?.[siteId]?.analytics?.granted === 1) return;
    if (Date.now() > deadline) {
      throw new Error(`the server never received ${siteId}'s choice: ${JSON.stringify(stats)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** (a): the banner, "Accept all", the recorded choice in the browser and at the server. */
async function checkJourney(browser, { url, siteId, serverUrl, label, expectRequests = [] }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    const requested = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(url);
    const accept = page.locator('coreconsent-ui [data-action="accept-all"]');
    await accept.waitFor({ state: 'visible', timeout: 20_000 });
    const choice = () => page.evaluate(() => window.CoreConsent?.get().choices.analytics);
    if ((await choice()) !== 'denied')
      throw new Error(`${label}: before a choice analytics must be denied (gdpr)`);
    await accept.click();
    await page.waitForFunction(() => window.CoreConsent?.get().choices.analytics === 'granted', null, {
      timeout: 10_000,
    });
    // window.CoreConsent: the script tag defines it, and so does the ESM entry's start().
    const methods = await page.evaluate(async () =>
      (await window.CoreConsent.history()).map((record) => record.method),
    );
    if (methods.join() !== 'accept-all')
      throw new Error(`${label}: history after Accept all: ${JSON.stringify(methods)}`);
    await waitForStoredChoice(serverUrl, siteId);
    for (const expected of expectRequests) {
      if (!requested.includes(expected))
        throw new Error(`${label}: ${expected} was never requested:\n${requested.join('\n')}`);
    }
    if (errors.length > 0) throw new Error(`${label}: page errors: ${errors.join('; ')}`);
    console.log(`  ${label} in Chromium: banner shown, Accept all recorded and stored by the server`);
  } finally {
    await context.close();
  }
}

/** @param {{ name: string, tarball: string }[]} packed */
export async function checkFreshProject(packed) {
  const dir = mkdtempSync(join(tmpdir(), 'coreconsent-fresh-project-'));
  const children = [];
  /** @type {import('node:http').Server[]} */
  const servers = [];
  try {
    writeProject(dir, packed);
    run(
      'npm install (tarballs + vite + typescript)',
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline'],
      dir,
      nativeCacheEnv(),
    );
    keepNativeBuild(dir);
    const resolved = run(
      '@coreitsm packages resolve inside the project',
      'npm',
      ['ls', '--all', '--parseable', '@coreitsm/protocol'],
      dir,
    );
    for (const path of resolved.trim().split('\n')) {
      if (!path.startsWith(dir))
        throw new Error(`@coreitsm/protocol resolved outside the fresh project: ${path}`);
    }

    run(
      'coreconsent-server migrate (SQLite)',
      join(dir, 'node_modules', '.bin', 'coreconsent-server'),
      ['migrate', '--db', join(dir, 'data', 'consent.db')],
      dir,
    );
    const serverUrl = await startServer(dir, join(dir, 'data', 'consent.db'), children);
    await checkServer(serverUrl, 'SQLite');
    const databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl?.startsWith('postgres')) {
      await withPostgresDatabase(dir, databaseUrl, async (url) => {
        const pgChildren = [];
        try {
          await checkServer(await startServer(dir, url, pgChildren), 'PostgreSQL');
        } finally {
          await stopAll(pgChildren);
        }
      });
    } else {
      console.log('  (PostgreSQL skipped: DATABASE_URL is not a postgres:// URL)');
    }

    run(
      'tsc --noEmit (the page, strict, against the published types)',
      join(dir, 'node_modules', '.bin', 'tsc'),
      ['-p', 'tsconfig.json'],
      dir,
    );
    run('vite build', join(dir, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], dir, {
      VITE_CONSENT_API: serverUrl,
    });
    const sdkVersion = packed.find((p) => p.name === '@coreitsm/sdk').version;
    const cdn = await serveStatic(join(dir, 'node_modules', '@coreitsm', 'sdk'), {
      prefix: `/npm/@coreitsm/sdk@${sdkVersion}/`,
      cors: true,
    });
    servers.push(cdn.server);
    const scriptUrl = `${cdn.url}dist/coreconsent.js`;
    const servedFiles = JSON.parse(
      readFileSync(join(dir, 'node_modules', '@coreitsm', 'sdk', 'dist', 'coreconsent-files.json'), 'utf8'),
    );
    writeFileSync(join(dir, 'dist', 'script-tag.html'), scriptTagPage(scriptUrl, serverUrl));
    const site = await serveStatic(join(dir, 'dist'));
    servers.push(site.server);
    const browser = await chromium.launch({ executablePath: chromiumOrExit(), args: CHROMIUM_ARGS });
    try {
      await checkJourney(browser, {
        url: site.url,
        siteId: 'fresh-project',
        serverUrl,
        label: 'Vite page importing @coreitsm/sdk',
      });
      await checkJourney(browser, {
        url: `${site.url}script-tag.html`,
        siteId: 'fresh-project-cdn',
        serverUrl,
        label: 'script tag from another origin at the package CDN path',
        // Its lazy files come from the folder it was loaded from: the banner's strings of the page's
        // language (German: English is in the script tag with the banner) before the click, the
        // runtime after it (issue 8: no Preact until the centre opens). Under their content-hashed
        // names, as the package's dist/coreconsent-files.json lists them.
        expectRequests: ['coreconsent-banner-lang-de.js', 'coreconsent-full.js'].map(
          (stable) =>
            `${cdn.url}dist/${servedFiles[stable] ?? `(${stable} is missing from coreconsent-files.json)`}`,
        ),
      });
    } finally {
      await browser.close();
    }
  } finally {
    for (const server of servers) server.close();
    await stopAll(children);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stops each child and waits for it to exit (a killed server must not outlive the check). */
function stopAll(children) {
  return Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
          child.once('exit', () => resolve(undefined));
          child.kill('SIGTERM');
        }),
    ),
  );
}
