import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEMO_SITES, type SiteDefinition } from './site-definitions.js';
import { createSiteHandler } from './site-handler.js';

export { type DemoConfig, readDemoConfig } from './demo-config.js';
export { DEFAULT_POLICY_VERSION, DEMO_SITES, UPDATED_POLICY_VERSION } from './site-definitions.js';

export interface StartDemoSitesOptions {
  /** Ports for Service Desk and Status Portal; `0` picks a free one. Default 8081, 8082. */
  readonly ports?: readonly [number, number];
  /**
   * Consent server base URL for the pages' `data-api`; `null` runs the SDK offline-only. A function
   * is read on every request (a test harness starts the sites first, then the server on a free port).
   */
  readonly apiUrl: string | null | (() => string | null);
  /** Folder served at `/consent/` (default: the SDK build, `sdk/dist`). */
  readonly sdkDir?: string;
  /** Where notices such as CSP violation reports go (default: `console.error`). */
  readonly log?: (line: string) => void;
}

export interface RunningSite {
  readonly id: SiteDefinition['id'];
  readonly name: string;
  /** The site's origin, e.g. `http://localhost:8081` (no trailing slash). */
  readonly origin: string;
  readonly port: number;
}

export interface RunningDemoSites {
  readonly sites: readonly [RunningSite, RunningSite];
  /** The origins to put in the consent server's `ALLOWED_ORIGINS`. */
  readonly allowedOrigins: string;
  close(): Promise<void>;
}

const DEFAULT_SDK_DIR = fileURLToPath(new URL('../../sdk/dist/', import.meta.url));
const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, fail) => {
    server.once('error', fail);
    // Loopback only: this is a demo. Chromium falls back from ::1 to 127.0.0.1 for `localhost`.
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
}

/**
 * Starts the two demo sites on distinct origins (Service Desk on `localhost`, Status Portal on
 * `127.0.0.1`) and resolves once both listen.
 *
 * @example
 * const demo = await startDemoSites({ ports: [0, 0], apiUrl: 'http://127.0.0.1:8787' });
 * console.log(demo.sites[0].origin); // http://localhost:41234
 * await demo.close();
 */
export async function startDemoSites(options: StartDemoSitesOptions): Promise<RunningDemoSites> {
  const ports = options.ports ?? [DEMO_SITES[0].defaultPort, DEMO_SITES[1].defaultPort];
  const { apiUrl } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const running: RunningSite[] = [];
  const servers: Server[] = [];
  try {
    for (const [index, site] of DEMO_SITES.entries()) {
      const other = DEMO_SITES[1 - index] as SiteDefinition;
      const handler = createSiteHandler({
        site,
        apiUrl: typeof apiUrl === 'function' ? apiUrl : () => apiUrl,
        sdkDir: options.sdkDir ?? DEFAULT_SDK_DIR,
        assetsDir: ASSETS_DIR,
        otherSite: () => {
          const found = running.find((r) => r.id === other.id);
          return found ? { name: found.name, url: `${found.origin}/` } : null;
        },
        log,
      });
      const server = createServer((req, res) => {
        handler(req, res).catch((error: unknown) => {
          log(
            `[${site.id}] ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`,
          );
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('Internal error\n');
        });
      });
      servers.push(server);
      const port = await listen(server, ports[index] ?? 0);
      running.push({ id: site.id, name: site.name, origin: `http://${site.host}:${port}`, port });
    }
  } catch (error) {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
    throw error;
  }
  const sites = running as unknown as [RunningSite, RunningSite];
  return {
    sites,
    allowedOrigins: sites.map((s) => s.origin).join(','),
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((done) => {
              server.close(() => done());
              server.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}
