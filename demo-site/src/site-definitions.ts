/** The two demo products. Each is a distinct origin, so consent is per site, as on real deployments. */
export interface SiteDefinition {
  /** The `data-site` id the SDK announces (and the server files records under). */
  readonly id: 'servicedesk' | 'status';
  readonly name: string;
  /** Host the printed URL uses: the two sites differ by host as well as port (distinct origins). */
  readonly host: 'localhost' | '127.0.0.1';
  readonly defaultPort: number;
  /** Title of the gated product video on the home page. */
  readonly videoTitle: string;
}

export const SERVICE_DESK: SiteDefinition = {
  id: 'servicedesk',
  name: 'CoreITsm Service Desk',
  host: 'localhost',
  defaultPort: 8081,
  videoTitle: 'Product tour: triaging tickets in two minutes',
};

export const STATUS_PORTAL: SiteDefinition = {
  id: 'status',
  name: 'CoreITsm Status Portal',
  host: '127.0.0.1',
  defaultPort: 8082,
  videoTitle: 'How we run incident response',
};

export const DEMO_SITES: readonly [SiteDefinition, SiteDefinition] = [SERVICE_DESK, STATUS_PORTAL];

/** The policy version the demo pages declare unless `?policy=` says otherwise ("Last updated: April 8, 2026"). */
export const DEFAULT_POLICY_VERSION = '2026-04-08';

/** The version the "Simulate a policy update" link switches to (any valid label works with `?policy=`). */
export const UPDATED_POLICY_VERSION = '2026-12-01';
