// The bench's own page server: ONE page layout, served with our SDK or with vanilla-cookieconsent v3,
// both self-contained scripts placed identically, each configured the way its docs say, offline
// (no consent server: we measure the client path). Each library file is served with a one-line
// prefix that stamps `window.__benchStart` when the browser starts executing it, so "script start"
// is the same instant for both.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(join(ROOT, 'bench/package.json'));
const PEER_DIR = dirname(require.resolve('vanilla-cookieconsent/dist/cookieconsent.umd.js'));
// One build for the whole run: the SDK folder is copied at start, so a rebuild meanwhile cannot mix builds.
const SDK_SOURCE = join(ROOT, 'sdk/dist');
const STAMP = 'window.__benchStart=performance.now();\n';

/** A gated tag that records when it ran (inline, the common tag-manager form, for both libraries). */
const TAG_BODY = 'window.__benchTag=performance.now();';

const PEER_INIT = `
CookieConsent.run({
  // Its default hides the banner from automated browsers (navigator.webdriver); this bench is one.
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We value your privacy',
          description: 'We use cookies for analytics. Choose what you allow.',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Customize',
        },
        preferencesModal: {
          title: 'Privacy preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save choices',
          sections: [
            { title: 'Necessary', linkedCategory: 'necessary' },
            { title: 'Analytics', linkedCategory: 'analytics' },
          ],
        },
      },
    },
  },
});`;

function page(kind) {
  const head = kind === 'peer' ? '<link rel="stylesheet" href="/peer/cookieconsent.css">' : '';
  const gated =
    kind === 'peer'
      ? `<script type="text/plain" data-category="analytics">${TAG_BODY}</script>`
      : `<script type="text/plain" data-consent="analytics">${TAG_BODY}</script>`;
  const lib =
    kind === 'peer'
      ? '<script src="/peer/cookieconsent.umd.js" async></script>'
      : '<script src="/sdk/coreconsent.js" async data-site="bench" data-policy-version="2026-04-08" data-jurisdiction="gdpr"></script>';
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

/** Newest modification time in the SDK build (0 when there is no entry file). */
function buildStamp() {
  const files = readdirSync(SDK_SOURCE, { recursive: true }).map((f) => join(SDK_SOURCE, String(f)));
  if (!files.some((f) => f.endsWith('/coreconsent.js'))) return 0;
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

/** Copies the build once it has been quiet for 5 s (a rebuild in progress would mix two builds). */
async function snapshotSdk() {
  for (let waited = 0; waited < 120_000; waited += 2_000) {
    const stamp = buildStamp();
    if (stamp > 0 && Date.now() - stamp > 5_000) {
      const dir = mkdtempSync(join(tmpdir(), 'coreconsent-bench-sdk-'));
      cpSync(SDK_SOURCE, dir, { recursive: true, filter: (src) => !src.endsWith('.map') });
      if (buildStamp() === stamp) return dir;
      rmSync(dir, { recursive: true, force: true });
    }
    await new Promise((done) => setTimeout(done, 2_000));
  }
  throw new Error(`no stable SDK build in ${SDK_SOURCE}: run \`npm run build\``);
}

export async function startBenchPages() {
  const SDK_DIR = await snapshotSdk();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench.invalid');
    const p = url.pathname;
    try {
      if (p === '/ours' || p === '/peer') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(page(p.slice(1)));
      } else if (p === '/sdk/coreconsent.js')
        file(res, join(SDK_DIR, 'coreconsent.js'), 'text/javascript', STAMP);
      else if (p.startsWith('/sdk/') && /^[\w.-]+\.js$/.test(p.slice(5)))
        file(res, join(SDK_DIR, p.slice(5)), 'text/javascript');
      else if (p === '/peer/cookieconsent.umd.js')
        file(res, join(PEER_DIR, 'cookieconsent.umd.js'), 'text/javascript', STAMP, PEER_INIT);
      else if (p === '/peer/cookieconsent.css') file(res, join(PEER_DIR, 'cookieconsent.css'), 'text/css');
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
          new Promise((done) => server.close(done)).then(() =>
            rmSync(SDK_DIR, { recursive: true, force: true }),
          ),
      });
    });
  });
}
