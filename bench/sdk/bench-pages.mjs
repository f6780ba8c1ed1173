// The bench's own page server: ONE page layout, served with our SDK, with vanilla-cookieconsent v3, with klaro, or
// with no CMP at all (the baseline for main-thread time). The libraries are self-contained async scripts placed
// identically, each configured the way its docs say (peer-configs.mjs), offline (no consent server: we measure the
// client path), uncompressed (the bench gzips the decoded bodies itself). Each library file is served with a one-line
// prefix that stamps `window.__benchStart` when the browser starts executing it (kept in the JSON; the table's times
// are from navigation start).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COOKIECONSENT_INIT, KLARO_CONFIG, TAG_BODY } from './peer-configs.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(join(ROOT, 'bench/package.json'));
const COOKIECONSENT_DIR = dirname(require.resolve('vanilla-cookieconsent/dist/cookieconsent.umd.js'));
// klaro's package "main": the build with its CSS and translations inside, the file its README embeds.
const KLARO_FILE = require.resolve('klaro/dist/klaro.js');
// One build for the whole run: the SDK folder is copied at start, so a rebuild meanwhile cannot mix builds.
const SDK_SOURCE = join(ROOT, 'sdk/dist');
const STAMP = 'window.__benchStart=performance.now();\n';

/** Any file of the SDK's build folder, in subfolders too (chunk names may change with the build); no `..`. */
const SDK_FILE = /^(?:[\w-][\w.-]*\/)*[\w-][\w.-]*\.(?:js|mjs|css|json)$/;
const TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/**
 * Another build of our SDK to measure beside this one in the same run (`BENCH_BEFORE_SDK`: the path of its
 * `sdk/dist`, e.g. a worktree of an older commit): the page variant `before`, so a change's before/after comes
 * from one interleaved run, under the same load, not from two runs hours apart.
 */
export const BEFORE_SDK = process.env.BENCH_BEFORE_SDK || null;

/** The page variants, in the order the bench names them. `none` is the same page without a CMP. */
export const KINDS = ['ours', ...(BEFORE_SDK ? ['before'] : []), 'cookieconsent', 'klaro', 'none'];

const MARKUP = {
  ours: {
    head: '',
    gated: `<script type="text/plain" data-consent="analytics">${TAG_BODY}</script>`,
    lib: '<script src="/sdk/coreconsent.js" async data-site="bench" data-policy-version="2026-04-08" data-jurisdiction="gdpr"></script>',
  },
  // Exactly ours, from the other build's folder.
  before: {
    head: '',
    gated: `<script type="text/plain" data-consent="analytics">${TAG_BODY}</script>`,
    lib: '<script src="/sdk-before/coreconsent.js" async data-site="bench" data-policy-version="2026-04-08" data-jurisdiction="gdpr"></script>',
  },
  cookieconsent: {
    head: '<link rel="stylesheet" href="/cookieconsent/cookieconsent.css">',
    gated: `<script type="text/plain" data-category="analytics">${TAG_BODY}</script>`,
    lib: '<script src="/cookieconsent/cookieconsent.umd.js" async></script>',
  },
  klaro: {
    head: '',
    gated: `<script type="text/plain" data-type="text/javascript" data-name="analytics">${TAG_BODY}</script>`,
    lib: '<script src="/klaro/klaro.js" async></script>',
  },
  // The same gated tag (inert: nothing releases it), no library.
  none: {
    head: '',
    gated: `<script type="text/plain" data-consent="analytics">${TAG_BODY}</script>`,
    lib: '',
  },
};

function page(kind) {
  const { head, gated, lib } = MARKUP[kind];
  const paragraphs = Array.from(
    { length: 12 },
    (_, i) =>
      `<p>Ticket INC-${2040 + i}: the VPN drops every 30 minutes for the Lisbon office; investigating the concentrator logs.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench ${kind}</title>${head}</head>
<body><header><h1>CoreITsm Service Desk</h1></header><main>${paragraphs}</main>
${gated}
${lib}
</body></html>`;
}

function file(res, path, type, prefix = '', suffix = '') {
  const body = prefix + readFileSync(path, 'utf8') + suffix;
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  res.end(body);
}

/** Newest modification time in an SDK build (0 when there is no entry file). */
function buildStamp(source) {
  const files = readdirSync(source, { recursive: true }).map((f) => join(source, String(f)));
  if (!files.some((f) => f.endsWith('/coreconsent.js'))) return 0;
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

/** Copies a build once it has been quiet for 5 s (a rebuild in progress would mix two builds). */
async function snapshotSdk(source = SDK_SOURCE) {
  for (let waited = 0; waited < 120_000; waited += 2_000) {
    const stamp = buildStamp(source);
    if (stamp > 0 && Date.now() - stamp > 5_000) {
      const dir = mkdtempSync(join(tmpdir(), 'coreconsent-bench-sdk-'));
      cpSync(source, dir, { recursive: true, filter: (src) => !src.endsWith('.map') });
      if (buildStamp(source) === stamp) return dir;
      rmSync(dir, { recursive: true, force: true });
    }
    await new Promise((done) => setTimeout(done, 2_000));
  }
  throw new Error(`no stable SDK build in ${source}: run \`npm run build\``);
}

export async function startBenchPages() {
  const SDK_DIR = await snapshotSdk();
  const BEFORE_DIR = BEFORE_SDK ? await snapshotSdk(BEFORE_SDK) : null;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench.invalid');
    const p = url.pathname;
    try {
      if (KINDS.includes(p.slice(1))) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(page(p.slice(1)));
      } else if (p === '/sdk/coreconsent.js')
        file(res, join(SDK_DIR, 'coreconsent.js'), 'text/javascript', STAMP);
      else if (p.startsWith('/sdk/') && SDK_FILE.test(p.slice(5)))
        file(res, join(SDK_DIR, p.slice(5)), TYPES[extname(p)]);
      else if (BEFORE_DIR && p === '/sdk-before/coreconsent.js')
        file(res, join(BEFORE_DIR, 'coreconsent.js'), 'text/javascript', STAMP);
      else if (BEFORE_DIR && p.startsWith('/sdk-before/') && SDK_FILE.test(p.slice(12)))
        file(res, join(BEFORE_DIR, p.slice(12)), TYPES[extname(p)]);
      else if (p === '/cookieconsent/cookieconsent.umd.js')
        file(
          res,
          join(COOKIECONSENT_DIR, 'cookieconsent.umd.js'),
          'text/javascript',
          STAMP,
          COOKIECONSENT_INIT,
        );
      else if (p === '/cookieconsent/cookieconsent.css')
        file(res, join(COOKIECONSENT_DIR, 'cookieconsent.css'), 'text/css');
      else if (p === '/klaro/klaro.js') file(res, KLARO_FILE, 'text/javascript', STAMP + KLARO_CONFIG);
      // The browser asks for one on every page; the same empty answer for all variants.
      else if (p === '/favicon.ico') res.writeHead(204, { 'cache-control': 'no-cache' }).end();
      else {
        res.writeHead(404).end();
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => server.close(done)).then(() => {
            rmSync(SDK_DIR, { recursive: true, force: true });
            if (BEFORE_DIR) rmSync(BEFORE_DIR, { recursive: true, force: true });
          }),
      });
    });
  });
}
