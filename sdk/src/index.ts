import { parseRevocationCookie } from '@coreitsm/protocol';
/**
 * @coreitsm/sdk — the ESM entry for bundlers. The script tag (`dist/coreconsent.js`) is the
 * same code; this entry adds the pure core for reuse and tests.
 *
 * @example
 * import { start } from '@coreitsm/sdk';
 * const consent = await start({ site: 'servicedesk', 'policy-version': '2026-04-08', api: 'https://consent.example' });
 * consent.on('change', (state) => console.log(state.choices));
 */
import { parseConfig } from './config/read-config.js';

import { boot } from './runtime/boot.js';
import type { ChunkLoaders } from './runtime/chunks.js';
import type { CoreConsentApi } from './runtime/public-api.js';

export { createBridgeHandler } from './bridge/bridge-handler.js';
export { parseConfig, readAttributes } from './config/read-config.js';
export { buildRecord } from './core/build-record.js';
export { acceptAllChoices, defaultChoices, gpcCoveredPurposes, rejectAllChoices } from './core/choices.js';
export { currentState } from './core/current-state.js';
export { needsGpcRecord } from './core/gpc-rules.js';
export { mergeLatest } from './core/merge.js';
export { shouldPrompt } from './core/should-prompt.js';
export type { ConsentState, PromptReason, SdkConfig } from './core/types.js';
export { uuidV7 } from './core/uuid-v7.js';
export type { ConsentEvent, CoreConsentApi } from './runtime/public-api.js';

const esmChunks: ChunkLoaders = {
  ui: () => import('./ui/mount.js').then((m) => m.mount),
  banner: () => import('./critical/banner-entry.js'),
  strings: (language) =>
    (language === 'pt-PT'
      ? import('./i18n/pt-PT.js')
      : language === 'es'
        ? import('./i18n/es.js')
        : language === 'fr'
          ? import('./i18n/fr.js')
          : language === 'de'
            ? import('./i18n/de.js')
            : import('./i18n/en.js')
    ).then((m) => m.default),
  gpp: () => import('./signals/gpp.js').then((m) => m.updateGpp),
  placeholder: () => import('./runtime/placeholders.js').then((m) => m.ensurePlaceholder),
  exporter: () => import('./runtime/export-chunk.js').then((m) => m.exportRecords),
};

/**
 * Starts the SDK from a bundle: `attributes` are the script tag's `data-*` values without
 * `data-`. Rejects (and nothing is granted) on a bad attribute.
 */
export async function start(attributes: Record<string, string>): Promise<CoreConsentApi> {
  const result = parseConfig(attributes, {
    baseUrl: location.href,
    origin: location.origin,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  if (!result.ok) throw new Error(result.error);
  // Revocations from the extension that have not reached this site yet (protocol/src/revocation-cookie.ts).
  return boot(
    { ...result.config, revoked: parseRevocationCookie(document.cookie, result.config.siteId) },
    esmChunks,
  );
}
