import type {
  AnyConsentRecord,
  Choices,
  Jurisdiction,
  Purpose,
  RightsRequestKind,
  Service,
} from '@coreitsm/protocol';
import type { ConsentState } from '../core/types.js';
import type { BannerModule } from '../critical/banner-entry.js';
import type { Strings } from '../i18n/strings.js';
import type { PolicyVersionText } from './site-texts.js';

/**
 * What the lazily loaded UI chunk receives from the loader. Types only: the UI chunk imports no
 * runtime code from the loader or from protocol (which would drag zod into it).
 */
export interface UiContext {
  /** The plain-DOM banner and the shared host (coreconsent-banner.js, one instance per page). */
  banner: BannerModule;
  strings: Strings;
  language: string;
  /** The nonce for a `<style>` fallback where constructable stylesheets are missing. */
  nonce: string | null;
  jurisdiction: Jurisdiction;
  /** The purposes of the jurisdiction, in display order. */
  purposes: readonly Purpose[];
  /** The site configuration's services, each listed under its purpose with its cookies. */
  services: readonly Service[];
  /** The site configuration's policy versions, oldest first, each summarised in the UI language (`[data-policy-history]`). */
  policyHistory: readonly PolicyVersionText[];
  policyVersion: string;
  policyUrl: string | null;
  /** The banner's `[data-policy-changes]` when a new policy version re-prompts (null: none). */
  policyChanges: () => HTMLElement | null;
  state: () => ConsentState;
  acceptAll: () => Promise<unknown>;
  rejectAll: () => Promise<unknown>;
  save: (choices: Choices) => Promise<unknown>;
  history: () => Promise<AnyConsentRecord[]>;
  /** Null when the site has no server (`data-api`): the rights form explains it cannot send. */
  requestRight:
    | ((
        kind: RightsRequestKind,
        details: { contact?: string; details?: string },
      ) => Promise<{ id: string; dueAt: string }>)
    | null;
}

export type UiView = 'banner' | 'preferences';

export interface UiHandle {
  /**
   * Shows a view. The preference center is its own file, fetched on first use: the promise
   * settles once the view is on screen (rejects if that file cannot load; the banner stays).
   */
  show: (view: UiView) => Promise<void>;
  /** Re-render with the current state (after a change from anywhere). */
  update: () => void;
  hide: () => void;
}

export type MountUi = (ctx: UiContext) => UiHandle;
