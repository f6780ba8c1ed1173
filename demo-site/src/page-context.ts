import type { DemoQuery } from './demo-query.js';
import type { SiteDefinition } from './site-definitions.js';

/** Everything a page needs to render for one request. */
export interface PageContext {
  readonly site: SiteDefinition;
  readonly query: DemoQuery;
  /** Consent server base URL for `data-api`; `null` runs the SDK offline-only. */
  readonly apiUrl: string | null;
  readonly nonce: string;
  /** The other demo site (name and URL), for the cross-site link in the demo bar. */
  readonly otherSite: { readonly name: string; readonly url: string } | null;
}
