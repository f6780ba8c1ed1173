import type { SiteConfig, SiteTexts } from '@coreitsm/protocol';
import type { BannerStrings, Strings } from '../i18n/strings.js';

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
 * The built-in strings with the site configuration's `texts` for this language laid over them
 * (banner title and text, purpose names and descriptions); whatever the site leaves out, and every
 * language it does not translate, keeps the built-in text.
 */
export function siteStrings<T extends BannerStrings | Strings>(
  strings: T,
  site: SiteConfig,
  language: string,
): T {
  const own = ownTexts(site, language);
  if (!own) return strings;
  const out: T = { ...strings };
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
