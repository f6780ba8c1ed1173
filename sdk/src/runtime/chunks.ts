import type { AnyConsentRecord, Choices, ExportFile, ExportFormat } from '@coreitsm/protocol';
import type { BannerModule } from '../critical/banner-entry.js';
import type { Strings } from '../i18n/strings.js';
import type { MountUi } from '../ui/ui-contract.js';

/**
 * Code the runtime loads only when needed. The script tag resolves these to files beside
 * `coreconsent.js`; the ESM entry to relative dynamic imports a bundler splits.
 */
export interface ChunkLoaders {
  ui: () => Promise<MountUi>;
  /** The plain-DOM banner (coreconsent-banner.js): the same module the critical path may have loaded. */
  banner: () => Promise<BannerModule>;
  strings: (language: string) => Promise<Strings>;
  /** IAB GPP (`__gpp`, usnat): only in US jurisdictions. */
  gpp: () => Promise<(choices: Choices, gpc: boolean, cmpId: number) => void>;
  /** The in-context placeholder for blocked embeds: only when a page has one. */
  placeholder: () => Promise<typeof import('./placeholders.js').ensurePlaceholder>;
  exporter: () => Promise<(records: readonly AnyConsentRecord[], format: ExportFormat) => ExportFile>;
}
