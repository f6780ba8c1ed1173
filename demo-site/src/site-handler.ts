import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDemoQuery } from './demo-query.js';
import type { PageContext } from './page-context.js';
import { renderMessagePage } from './pages/message-page.js';
import { renderPrivacyPage } from './pages/privacy-page.js';
import { renderServiceDeskHome } from './pages/service-desk-home.js';
import { renderStatusPortalHome } from './pages/status-portal-home.js';
import { renderVideoEmbed } from './pages/video-embed.js';
import { contentSecurityPolicy, createNonce, PAGE_HEADERS } from './security-headers.js';
import type { SiteDefinition } from './site-definitions.js';
import { serveStatic } from './static-files.js';

export interface SiteHandlerOptions {
  readonly site: SiteDefinition;
  /** Read per request, so a test harness can start the sites before it knows the server's port. */
  readonly apiUrl: () => string | null;
  readonly sdkDir: string;
  readonly assetsDir: string;
  /** Called per request: the other site's URL is known only once both have bound their ports. */
  readonly otherSite: () => { name: string; url: string } | null;
  /** Where CSP violation reports and other notices go (the console by default). */
  readonly log: (line: string) => void;
}

/** `/.well-known/gpc.json`: this site honors Global Privacy Control (https://privacycg.github.io/gpc-spec/). */
const GPC_SUPPORT = JSON.stringify({ gpc: true, lastUpdate: '2026-04-08' });

const PAGES: Readonly<Record<string, (ctx: PageContext) => string>> = {
  '/privacy': renderPrivacyPage,
};

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
  head: boolean,
) {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(head ? undefined : body);
}

/** One demo site: its pages, its assets, the SDK files, the GPC support resource and CSP reports. */
export function createSiteHandler(options: SiteHandlerOptions) {
  const { site, sdkDir, assetsDir, log } = options;
  const home = site.id === 'servicedesk' ? renderServiceDeskHome : renderStatusPortalHome;

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const head = req.method === 'HEAD';
    const plain = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

    if (url.pathname === '/csp-report' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > 64 * 1024) break; // a report is small; do not buffer a hostile body
        chunks.push(chunk);
      }
      log(`[${site.id}] CSP violation: ${Buffer.concat(chunks).toString('utf8').slice(0, 2000)}`);
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'GET' && !head) {
      send(res, 405, { ...plain, allow: 'GET, HEAD' }, 'Method not allowed\n', head);
      return;
    }
    if (url.pathname === '/.well-known/gpc.json') {
      send(
        res,
        200,
        { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
        GPC_SUPPORT,
        head,
      );
      return;
    }
    if (url.pathname.startsWith('/consent/') || url.pathname.startsWith('/assets/')) {
      const [base, prefix] = url.pathname.startsWith('/consent/')
        ? [sdkDir, '/consent/']
        : [assetsDir, '/assets/'];
      let relative: string;
      try {
        relative = decodeURIComponent(url.pathname.slice(prefix.length));
      } catch {
        send(res, 400, plain, 'Bad path encoding\n', head);
        return;
      }
      const request = {
        acceptEncoding: req.headers['accept-encoding'],
        ifNoneMatch: req.headers['if-none-match'],
        head,
      };
      if (await serveStatic(res, base, relative, request)) return;
      const hint = prefix === '/consent/' ? ' (is the SDK built? run `npm run build`)' : '';
      send(res, 404, plain, `Not found: ${url.pathname}${hint}\n`, head);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(301, { location: '/assets/favicon.svg' }).end();
      return;
    }
    if (url.pathname === '/embed/video') {
      const title = (url.searchParams.get('title') ?? 'Product video').slice(0, 200);
      const nonce = createNonce();
      const headers = { ...PAGE_HEADERS, 'content-security-policy': contentSecurityPolicy(nonce, null) };
      send(res, 200, headers, renderVideoEmbed(title), head);
      return;
    }
    const render = url.pathname === '/' ? home : PAGES[url.pathname];
    if (!render) {
      send(
        res,
        404,
        PAGE_HEADERS,
        renderMessagePage('Page not found', `There is no page at ${url.pathname}.`),
        head,
      );
      return;
    }
    const parsed = parseDemoQuery(url.searchParams);
    if (!parsed.ok) {
      const message = `Invalid demo parameter: ${parsed.message}. Use ?jurisdiction=gdpr|ccpa|lgpd|pipeda|none|auto, ?policy=<version>, ?lang=<tag>.`;
      send(res, 400, PAGE_HEADERS, renderMessagePage('Invalid demo parameter', message), head);
      return;
    }
    const apiUrl = options.apiUrl();
    const apiOrigin = apiUrl ? new URL(apiUrl).origin : null;
    const nonce = createNonce();
    const ctx: PageContext = { site, query: parsed.query, apiUrl, nonce, otherSite: options.otherSite() };
    const headers = { ...PAGE_HEADERS, 'content-security-policy': contentSecurityPolicy(nonce, apiOrigin) };
    send(res, 200, headers, render(ctx), head);
  };
}
