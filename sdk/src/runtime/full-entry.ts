/**
 * `coreconsent-full.js`: everything the script tag's critical path leaves for later — zod-parsed
 * storage, sync with the server, the bridge, other tabs, `window.CoreConsent` — loaded with
 * `import()` when something needs it. Its lazy files load relative to its own URL.
 */

import type { ConfigEnv } from '../config/config-fields.js';
import { parseConfig } from '../config/read-config.js';
import type { SdkConfig } from '../core/types.js';
import type { BannerModule } from '../critical/banner-entry.js';
import type { Strings } from '../i18n/strings.js';
import { boot } from './boot.js';
import type { ChunkLoaders } from './chunks.js';
import type { CriticalHandoff } from './handoff.js';
import type { CoreConsentApi } from './public-api.js';

/**
 * The lazy files beside `coreconsent.js`. Those of this build (UI, translations, GPP, placeholder,
 * exporters) are plain `import()`s: rollup writes their content-hashed names into this file, and
 * an ES module's relative import resolves against its own URL. The banner is the
 * script tag's own (one instance per page, shared with the critical path), handed over.
 */
export function chunkLoaders(banner: BannerModule): ChunkLoaders {
  return {
    ui: () => import('../ui/mount.js').then((m) => m.mount),
    banner: () => Promise.resolve(banner),
    strings: (language) =>
      (language === 'pt-PT'
        ? import('../i18n/pt-PT.js')
        : language === 'es'
          ? import('../i18n/es.js')
          : language === 'fr'
            ? import('../i18n/fr.js')
            : language === 'de'
              ? import('../i18n/de.js')
              : import('../i18n/en.js')
      ).then((m): Strings => m.default),
    gpp: () => import('../signals/gpp.js').then((m) => m.updateGpp),
    placeholder: () => import('./placeholders.js').then((m) => m.ensurePlaceholder),
    exporter: () => import('./export-chunk.js').then((m) => m.exportRecords),
  };
}

/**
 * Continues after the critical path (see `CriticalHandoff`); resolves with the API once booted.
 * `banner` is the script tag's banner module (the one the page may already show).
 */
export function start(
  config: SdkConfig,
  banner: BannerModule,
  handoff: CriticalHandoff,
): Promise<CoreConsentApi> {
  const booted = boot(config, chunkLoaders(banner), window, handoff);
  booted.catch((error: unknown) =>
    console.error('CoreConsent: failed to start, consent stays denied', error),
  );
  return booted;
}

/** The critical check rejected the attributes: zod names the attribute in the one error. */
export function reportInvalidConfig(raw: Record<string, string>, env: ConfigEnv): void {
  const result = parseConfig(raw, env);
  console.error(result.ok ? 'CoreConsent: invalid configuration, consent stays denied' : result.error);
}
