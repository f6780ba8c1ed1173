/**
 * `coreconsent-full.js`: everything the script tag's critical path leaves for later — zod-parsed
 * storage, sync with the server, the bridge, other tabs, `window.CoreConsent` — loaded with
 * `import()` right after the stored decision is in effect. Lazy files load relative to `base`.
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

/** The lazy files beside `coreconsent.js`, loaded with `import()` from its URL. */
export function chunkLoaders(base: string): ChunkLoaders {
  // `import()` of a computed URL stays a real runtime import (rollup leaves it alone).
  const load = <T>(file: string): Promise<T> => import(/* @vite-ignore */ base + file) as Promise<T>;
  return {
    ui: () =>
      load<{ mount: Awaited<ReturnType<ChunkLoaders['ui']>> }>('coreconsent-ui.js').then((m) => m.mount),
    banner: () => load<BannerModule>('coreconsent-banner.js'),
    strings: (language) =>
      load<{ default: Strings }>(`coreconsent-lang-${language}.js`).then((m) => m.default),
    gpp: () =>
      load<{ updateGpp: Awaited<ReturnType<ChunkLoaders['gpp']>> }>('coreconsent-gpp.js').then(
        (m) => m.updateGpp,
      ),
    placeholder: () =>
      load<{ ensurePlaceholder: Awaited<ReturnType<ChunkLoaders['placeholder']>> }>(
        'coreconsent-placeholder.js',
      ).then((m) => m.ensurePlaceholder),
    exporter: () =>
      load<{ exportRecords: Awaited<ReturnType<ChunkLoaders['exporter']>> }>('coreconsent-export.js').then(
        (m) => m.exportRecords,
      ),
  };
}

/** Continues after the critical path (see `CriticalHandoff`); resolves with the API once booted. */
export function start(config: SdkConfig, base: string, handoff: CriticalHandoff): Promise<CoreConsentApi> {
  const booted = boot(config, chunkLoaders(base), window, handoff);
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
