import type {
  AnyConsentRecord,
  Choices,
  Jurisdiction,
  Method,
  RevokedPurposes,
  SiteConfig,
} from '@coreitsm/protocol';

import type { BannerStrings, Strings } from '../i18n/strings.js';

/** The SDK's configuration after the script tag's `data-*` attributes were parsed and resolved. */
export interface SdkConfig {
  siteId: string;
  /** Server base URL without a trailing slash, or null (offline only). */
  api: string | null;
  policyVersion: string;
  /** Absolute policy URL, or null. */
  policyUrl: string | null;
  /** The jurisdiction in force (`auto` already resolved). */
  jurisdiction: Jurisdiction;
  /** The UI language requested by `data-lang`, if any. */
  lang: string | null;
  /** The page's CSP nonce (`data-nonce`): for the SDK's `<style>` fallback only; a released gated script keeps its own. */
  nonce: string | null;
  /** A decision older than this many months is asked again (default 12). */
  expiryMonths: number;
  /** The IAB-assigned CMP id that `__gpp` reports (`data-gpp-cmp-id`); 0 = unregistered, the default. */
  gppCmpId: number;
  /** The page origin, as records carry it. */
  origin: string;
  /** `data-config`: where the site configuration is fetched from, or null (inline, or none). */
  configUrl: string | null;
  /**
   * The site configuration once read and checked (config/check-site-config.ts), or null: the
   * built-in texts and every purpose of the jurisdiction.
   */
  site: SiteConfig | null;
  /**
   * Purposes revoked in the browser extension that have not reached this site yet (the revocation
   * cookie, protocol's revocation-cookie.ts): each is denied while the decision in force is older.
   */
  revoked?: RevokedPurposes;
  /**
   * Lays the site's texts over built-in strings (ui/site-texts.ts), from the file that read the
   * configuration (coreconsent-site.js): one copy on the page, none on a page without a configuration.
   */
  siteStrings?: <T extends BannerStrings | Strings>(strings: T, language: string) => T;
  /** The banner's `[data-policy-changes]` since the version last `decided` (coreconsent-site.js, as above). */
  policyChanges?: (decided: string | null, language: string) => HTMLElement | null;
}

/**
 * What `CoreConsent.get()` returns and what `coreconsent:change` carries in `detail`.
 *
 * - `choices`: the choices in force now — the latest valid decision, else the jurisdiction's defaults.
 * - `decided`: true when a person (or the GPC signal) made a decision that is still valid.
 */
export interface ConsentState {
  siteId: string;
  jurisdiction: Jurisdiction;
  policyVersion: string;
  choices: Choices;
  decided: boolean;
  /** Why a prompt is due, or null when none is. */
  promptReason: PromptReason | null;
  method: Method | null;
  recordId: string | null;
  createdAt: string | null;
  /** The browser sends the Global Privacy Control signal. */
  gpc: boolean;
  /** The GPC signal changed what applies here (shown as "Opt-out preference signal honored"). */
  gpcHonored: boolean;
}

export type PromptReason = 'no-decision' | 'new-policy' | 'expired' | 'jurisdiction-changed' | 'signal-only';

export type { AnyConsentRecord };

/**
 * What deciding needs of a record (core/current-state.ts, core/should-prompt.ts): a stored record,
 * or the script tag's copy of one (critical/decision-copy.ts), which has no id.
 */
export type Decision = Pick<
  AnyConsentRecord,
  'jurisdiction' | 'policyVersion' | 'createdAt' | 'method' | 'choices'
> & {
  id?: string;
};
