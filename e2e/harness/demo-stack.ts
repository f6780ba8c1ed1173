import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const SDK_BUILD = fileURLToPath(new URL('../../sdk/dist/', import.meta.url));

/** Newest modification time of any file of the SDK build (0 while there is none). */
function buildStamp(): number {
  if (!existsSync(join(SDK_BUILD, 'coreconsent.js'))) return 0;
  const files = readdirSync(SDK_BUILD, { recursive: true }).map((f) => join(SDK_BUILD, String(f)));
  return Math.max(0, ...files.map((f) => statSync(f).mtimeMs));
}

/**
 * Every file the build lists in `coreconsent-files.json` (its lazy files under their content-hashed
 * names, written before the script tag's build) is in the copy too: no half-written build.
 */
function isComplete(dir: string): boolean {
  const manifest = join(dir, 'coreconsent-files.json');
  if (!existsSync(manifest)) return false;
  const served: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
  if (typeof served !== 'object' || served === null) return false;
  return Object.values(served).every((file) => typeof file === 'string' && existsSync(join(dir, file)));
}

const QUIET_MS = 3_000; // a build that has not changed for 3 s is probably not being written
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A private copy of the SDK build for one worker, taken once the build is quiet and complete, so
 * every test of a run sees one build even if someone rebuilds `sdk/dist` meanwhile (a half-written
 * bundle otherwise fails tests at random).
 */
async function snapshotSdkBuild(): Promise<string> {
  for (let waited = 0; waited < 60_000; waited += 500) {
    const stamp = buildStamp();
    if (stamp > 0 && Date.now() - stamp > QUIET_MS) {
      const dir = mkdtempSync(join(tmpdir(), 'coreconsent-e2e-sdk-'));
      cpSync(SDK_BUILD, dir, { recursive: true, filter: (src) => !src.endsWith('.map') });
      if (buildStamp() === stamp && isComplete(dir)) return dir;
      rmSync(dir, { recursive: true, force: true });
    }
    await sleep(500);
  }
  throw new Error(`no complete, settled SDK build at ${SDK_BUILD} within 60 s: run \`npm run build\``);
}

/**
 * The real server on a temporary SQLite file and both demo sites, all on free ports. The sites
 * start first (their `data-api` is read per request), so the server's ALLOWED_ORIGINS can name them.
 */
export async function startDemoStack(options: { log?: (line: string) => void } = {}): Promise<DemoStack> {
  const sdkDir = await snapshotSdkBuild();
  let apiUrl: string | null = null;
  const demo = await startDemoSites({
    ports: [0, 0],
    apiUrl: () => apiUrl,
    sdkDir,
    log: options.log ?? ((line) => console.error(line)),
  });
  let server: ConsentServer;
  try {
    server = await startConsentServer({ allowedOrigins: () => demo.sites.map((s) => s.origin) });
  } catch (error) {
    await demo.close();
    rmSync(sdkDir, { recursive: true, force: true });
    throw error;
  }
  apiUrl = server.url;
  return {
    server,
    sites: { serviceDesk: withUrl(demo.sites[0]), statusPortal: withUrl(demo.sites[1]) },
    async dispose() {
      await server.dispose();
      await demo.close();
      rmSync(sdkDir, { recursive: true, force: true });
    },
  };
}
