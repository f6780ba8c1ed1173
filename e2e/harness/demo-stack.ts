import { type RunningSite, startDemoSites } from '@coreitsm/demo-site';
import { type ConsentServer, startConsentServer } from './consent-server.js';

export type DemoQuery = {
  jurisdiction?: 'gdpr' | 'ccpa' | 'lgpd' | 'pipeda' | 'none' | 'auto';
  policy?: string;
  lang?: string;
};

export interface DemoSite extends RunningSite {
  /** A page URL with demo query parameters, e.g. `site.url('/', { jurisdiction: 'ccpa' })`. */
  url(path?: string, query?: DemoQuery): string;
}

export interface DemoSitesHandle {
  /** Service Desk (`servicedesk`) on `http://localhost:<port>`. */
  readonly serviceDesk: DemoSite;
  /** Status Portal (`status`) on `http://127.0.0.1:<port>`. */
  readonly statusPortal: DemoSite;
}

export interface DemoStack {
  readonly server: ConsentServer;
  readonly sites: DemoSitesHandle;
  dispose(): Promise<void>;
}

function withUrl(site: RunningSite): DemoSite {
  return {
    ...site,
    url(path = '/', query = {}) {
      const params = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
      );
      const search = params.toString();
      return `${site.origin}${path}${search ? `?${search}` : ''}`;
    },
  };
}

/**
 * The real server on a temporary SQLite file and both demo sites, all on free ports. The sites
 * start first (their `data-api` is read per request), so the server's ALLOWED_ORIGINS can name them.
 */
export async function startDemoStack(options: { log?: (line: string) => void } = {}): Promise<DemoStack> {
  let apiUrl: string | null = null;
  const demo = await startDemoSites({
    ports: [0, 0],
    apiUrl: () => apiUrl,
    log: options.log ?? ((line) => console.error(line)),
  });
  let server: ConsentServer;
  try {
    server = await startConsentServer({ allowedOrigins: () => demo.sites.map((s) => s.origin) });
  } catch (error) {
    await demo.close();
    throw error;
  }
  apiUrl = server.url;
  return {
    server,
    sites: { serviceDesk: withUrl(demo.sites[0]), statusPortal: withUrl(demo.sites[1]) },
    async dispose() {
      await server.dispose();
      await demo.close();
    },
  };
}
