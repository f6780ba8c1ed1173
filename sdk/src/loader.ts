/**
 * The script tag entry (`dist/coreconsent.js`, an IIFE). Reads its own `data-*` attributes,
 * fails closed on a bad one, and exposes `window.CoreConsent`. Lazy parts (UI, translations, GPP,
 * exporters) are ES modules beside this file, loaded with `import()` from its own URL.
 */
import { parseConfig, readAttributes } from './config/read-config.js';
import type { Strings } from './i18n/strings.js';
import { boot } from './runtime/boot.js';
import type { ChunkLoaders } from './runtime/chunks.js';

// User-timing marks, so the returning-visit path (start → consented tags) can be measured.
performance.mark('coreconsent:start');
const script = document.currentScript as HTMLScriptElement | null;
const base = new URL('./', script?.src || location.href).href;
// `import()` of a computed URL stays a real runtime import (rollup leaves it alone).
const load = <T>(file: string): Promise<T> => import(/* @vite-ignore */ base + file) as Promise<T>;

const chunks: ChunkLoaders = {
  ui: () =>
    load<{ mount: Awaited<ReturnType<ChunkLoaders['ui']>> }>('coreconsent-ui.js').then((m) => m.mount),
  strings: (language) => load<{ default: Strings }>(`coreconsent-lang-${language}.js`).then((m) => m.default),
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

const result = script
  ? parseConfig(readAttributes(script), {
      baseUrl: location.href,
      origin: location.origin,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    })
  : {
      ok: false as const,
      error: 'CoreConsent: cannot find its own <script> element (load it with a plain <script src>)',
    };

if (result.ok) {
  boot(result.config, chunks).catch((error: unknown) =>
    console.error('CoreConsent: failed to start, consent stays denied', error),
  );
} else {
  console.error(result.error);
}
