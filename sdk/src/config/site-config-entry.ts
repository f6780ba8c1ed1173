import type { SiteConfig } from '@coreitsm/protocol';
import type { BannerStrings, Strings } from '../i18n/strings.js';
import { siteStrings } from '../ui/site-texts.js';
import { checkSiteConfig } from './check-site-config.js';
import { policyChangesNote } from './policy-changes-note.js';
import { siteConfigSource } from './site-config-source.js';

/**
 * Protocol's MAX_SITE_CONFIG_BYTES, copied: importing it would bring site-config.ts's zod schemas
 * into this file (check-site-config.test.ts compares the two).
 */
export const MAX_SITE_CONFIG_BYTES = 64 * 1024;

export type SiteConfigResult =
  | {
      config: SiteConfig;
      /** Lays the site's texts over built-in strings: this file's copy serves the whole page (SdkConfig.siteStrings). */
      strings: <T extends BannerStrings | Strings>(strings: T, language: string) => T;
      /** The banner's `[data-policy-changes]` for a re-prompt (SdkConfig.policyChanges). */
      changes: (decided: string | null, language: string) => HTMLElement | null;
    }
  | { error: string };

/**
 * `coreconsent-site.js`: reads and checks the site configuration. Its own file, loaded only on
 * pages that have a configuration (in parallel with IndexedDB's open), so a page without one pays
 * nothing for it. The error names the field (`services.0.purpose: …`); the caller fails closed.
 */
export async function readSiteConfig(
  doc: Document,
  url: string | null,
  /** The policy version in force (`data-policy-version`): changes up to it are announced. */
  attributesVersion: string,
): Promise<SiteConfigResult> {
  const source = siteConfigSource(doc, url) ?? { error: 'the page has no configuration' };
  if ('error' in source) return source;
  let text: string;
  if ('url' in source) {
    try {
      const response = await fetch(source.url, { credentials: 'omit' });
      if (!response.ok) return { error: `data-config: ${source.url} answered HTTP ${response.status}` };
      text = await response.text();
    } catch (error) {
      return { error: `data-config: ${source.url} could not be fetched (${String(error)})` };
    }
  } else text = source.inline;
  if (new TextEncoder().encode(text).length > MAX_SITE_CONFIG_BYTES)
    return { error: `(root): is larger than ${MAX_SITE_CONFIG_BYTES} bytes` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `(root): is not JSON (${(error as Error).message})` };
  }
  const checked = checkSiteConfig(value);
  if ('error' in checked) return checked;
  const config = checked.config;
  return {
    config,
    strings: (strings, language) => siteStrings(strings, config, language),
    changes: (decided, language) => policyChangesNote(config, attributesVersion, decided, language),
  };
}

/**
 * What the script tag calls: the configuration with its helpers, or null after the one
 * `console.error` that names the field (the caller then fails closed). The message lives here, not
 * in the script tag, so a page without a configuration does not carry it.
 */
export async function loadSiteConfig(
  doc: Document,
  url: string | null,
  attributesVersion: string,
): Promise<Exclude<SiteConfigResult, { error: string }> | null> {
  const result = await readSiteConfig(doc, url, attributesVersion);
  if ('config' in result) return result;
  console.error(`CoreConsent: invalid configuration, consent stays denied: ${result.error}`);
  return null;
}
