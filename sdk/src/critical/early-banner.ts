import type { ConsentState, SdkConfig } from '../core/types.js';
import { banner as english } from '../i18n/en.js';
import type { BannerStrings } from '../i18n/strings.js';
import type { BannerView } from '../ui/banner-dom.js';
import type { BannerModule } from './banner-entry.js';
import * as bannerModule from './banner-entry.js';

export interface EarlyBannerInput {
  config: SdkConfig;
  /** The state with no stored record (what the page has until storage answers). */
  state: ConsentState;
  language: string;
  load: <T>(file: string) => Promise<T>;
}

/**
 * Shows a first visit's banner before the open and the read of IndexedDB complete: as soon as
 * storage has proved there is no decision — IndexedDB had to create the database (`upgradeneeded`
 * from version 0), so nothing was ever stored on this origin — or, sooner, as soon as the page's
 * cookies hold no copy of a decision (loader.ts). Creating the database costs more after that point
 * than before it (at 4× CPU: ~150 ms of the ~280 ms from script start to `success`, traced here),
 * and the banner no longer waits for it. It is shown without focus (banner-dom.ts): the owner's
 * arrival focuses it, or a read that finds a decision withdraws it.
 *
 * The banner has no owner yet: its clicks wait (ui/banner-dom.ts) for the handler first-visit.ts
 * installs once storage has answered, so an early click is stored exactly like a later one,
 * durably before the banner closes. Resolves with the banner's module once shown, `null` if not.
 */
export function showEarlyBanner({
  config,
  state,
  language,
  load,
}: EarlyBannerInput): Promise<BannerModule | null> {
  if (state.promptReason === null) return Promise.resolve(null);
  return loadBanner(load, language).then(
    ([module, strings]) => {
      // An owner came first (the runtime, or first-visit.ts): it keeps the banner.
      if (module.bannerShown()) return module;
      module.showBanner(bannerView(config, strings, state, language), null);
      performance.mark('coreconsent:banner');
      return module;
    },
    // first-visit.ts loads the same files and reports a failure.
    () => null,
  );
}

/**
 * The banner (in this file) and its strings in `language` alone: English is in the script tag too
 * (the default and fallback language: ~0.4 kB on every visit buys a first visit no request before
 * the banner), another language's (~0.4 kB) is fetched; the full translation comes with the runtime.
 */
export function loadBanner(
  load: <T>(file: string) => Promise<T>,
  language: string,
): Promise<[BannerModule, BannerStrings]> {
  return language === 'en'
    ? Promise.resolve([bannerModule, english])
    : load<{ default: BannerStrings }>(`coreconsent-banner-lang-${language}.js`).then((m) => [
        bannerModule,
        m.default,
      ]);
}

/** What the banner shows for this page and state (the same view keeps the same DOM: banner-dom.ts). */
export function bannerView(
  config: SdkConfig,
  strings: BannerStrings,
  state: ConsentState,
  language: string,
  /** The policy version of the decision this banner asks again about (null: none yet). */
  decided: string | null = null,
): BannerView {
  return {
    changes: state.promptReason === 'new-policy' ? (config.policyChanges?.(decided, language) ?? null) : null,
    strings: config.siteStrings?.(strings, language) ?? strings,
    jurisdiction: config.jurisdiction,
    policyUrl: config.policyUrl,
    nonce: config.nonce,
    state,
  };
}
