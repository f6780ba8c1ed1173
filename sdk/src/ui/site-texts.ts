import type { SiteConfig, SiteTexts } from '@coreitsm/protocol';
import { type BannerStrings, fill, type Strings } from '../i18n/strings.js';

/** The site's own texts for `language`: its exact tag, else its base language (`pt` for `pt-PT`); none → built-ins. */
function ownTexts(site: SiteConfig, language: string): SiteTexts | undefined {
  const texts = site.texts ?? {};
  const lower = language.toLowerCase();
  const key =
    Object.keys(texts).find((k) => k.toLowerCase() === lower) ??
    Object.keys(texts).find((k) => k.toLowerCase() === lower.split('-')[0]);
  return key === undefined ? undefined : texts[key];
}

/**
 * The banner's title when the site names itself (`siteName`) but gives no `bannerTitle` in this
 * language (contract: "the banner's title fallback"): the built-in title with the site's name, in
 * the SDK's five languages. Here, in coreconsent-site.js, not in every banner translation file.
 */
const TITLE_WITH_SITE: Record<string, string> = {
  en: 'Your privacy choices at {site}',
  'pt-PT': 'As suas escolhas de privacidade em {site}',
  es: 'Sus opciones de privacidad en {site}',
  fr: 'Vos choix de confidentialité sur {site}',
  de: 'Ihre Datenschutzeinstellungen bei {site}',
};

/**
 * The built-in strings with the site configuration's `texts` for this language laid over them
 * (banner title and text, purpose names and descriptions); whatever the site leaves out, and every
 * language it does not translate, keeps the built-in text — but for the title, which names the site
 * when the configuration has a `siteName`.
 */
export function siteStrings<T extends BannerStrings | Strings>(
  strings: T,
  site: SiteConfig,
  language: string,
): T {
  const own = ownTexts(site, language);
  const titled = site.siteName && !own?.bannerTitle ? TITLE_WITH_SITE[language] : undefined;
  if (!own && !titled) return strings;
  const out: T = { ...strings };
  if (titled) out.bannerTitle = fill(titled, { site: site.siteName ?? '' });
  if (!own) return out;
  if (own.bannerTitle) out.bannerTitle = own.bannerTitle;
  if (own.bannerText) out.bannerText = own.bannerText;
  if ('purposes' in out && own.purposes) {
    const purposes = { ...out.purposes };
    for (const key of Object.keys(own.purposes) as (keyof typeof own.purposes)[]) {
      const text = own.purposes[key];
      const built = purposes[key];
      purposes[key] = { name: text?.name ?? built.name, description: text?.description ?? built.description };
    }
    out.purposes = purposes;
  }
  return out;
}

export interface PolicyVersionText {
  version: string;
  effective: string;
  /** The summary of material changes in the visitor's language (else English, else the first given). */
  text: string;
}

const pick = (texts: Record<string, string>, language: string): string => {
  const lower = language.toLowerCase();
  const keys = Object.keys(texts);
  const key =
    keys.find((k) => k.toLowerCase() === lower) ??
    keys.find((k) => k.toLowerCase() === lower.split('-')[0]) ??
    keys.find((k) => k.toLowerCase() === 'en') ??
    keys[0];
  return key === undefined ? '' : (texts[key] ?? '');
};

/** The site's policy versions in effective-date order, each with its summary in `language`. */
export function policyHistory(site: SiteConfig, language: string): PolicyVersionText[] {
  return [...(site.policyHistory ?? [])]
    .sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0))
    .map((entry) => ({
      version: entry.version,
      effective: entry.effective,
      text: pick(entry.changes, language),
    }));
}

/**
 * What changed since the person last decided: the versions after `decided` up to `current` (all up
 * to `current` when `decided` is not in the history, so nothing material goes unsaid).
 */
export function policyChanges(
  site: SiteConfig,
  current: string,
  decided: string | null,
  language: string,
): PolicyVersionText[] {
  const history = policyHistory(site, language);
  const end = history.findIndex((v) => v.version === current);
  const upTo = end < 0 ? history : history.slice(0, end + 1);
  const start = decided === null ? -1 : upTo.findIndex((v) => v.version === decided);
  return upTo.slice(start + 1).filter((v) => v.text);
}
