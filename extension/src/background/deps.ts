import type { ExportFileDelivery, OptionalPurpose } from '@coreitsm/protocol';
import type { ExtensionStore } from '../store/extension-store.js';
import type { Fetch } from './server-client.js';

/**
 * Everything the background's handlers need from the outside world. `platform/` builds the real
 * one from `browser.*`; unit tests pass fakes. Nothing in `background/` touches `browser.*`.
 */
export interface BackgroundDeps {
  store: ExtensionStore;
  fetch: Fetch;
  now: () => Date;
  random: () => number;
  newId: () => string;
  /** Our own extension id: content messages from anyone else are refused. */
  extensionId: string;
  tabs: {
    /** Ids of the open tabs whose top-level document is on `origin`. */
    findByOrigin(origin: string): Promise<number[]>;
    /** Asks the content script of a tab to revoke on its page; resolves with what the SDK answered. */
    revoke(
      tabId: number,
      purposes: OptionalPurpose[],
    ): Promise<{ applied: boolean; recordId: string | null }>;
    /** Asks the content script of a tab to have the SDK announce again. */
    hello(tabId: number): Promise<void>;
  };
  badge: { set(tabId: number, text: string): Promise<void> };
  /** Wakes the outbox at `at` (epoch ms) even if the worker was stopped meanwhile. */
  scheduleRetry(at: number): void;
  /** Turns the GPC header rule and the MAIN-world script on or off for these host names / match patterns. */
  gpc: { apply(enabled: boolean, hosts: string[], matches: string[]): Promise<void> };
  /** Registers the bridge content script on origins added in options (built-in ones are static). */
  registerBridge(matches: string[]): Promise<void>;
  /**
   * Fetches a site icon without cookies, reading at most `maxBytes` (null: not there, too big, or
   * failed); `url` is where it ended after redirects. Optional: without it no icon is learnt.
   */
  fetchIcon?: (url: string, maxBytes: number) => Promise<{ url: string; bytes: Uint8Array } | null>;
  /**
   * Hands an export file to the page that asked for it (`asker`: the message's sender) outside
   * runtime messaging. True: posted (Chrome's service worker, `client.postMessage`: the Blob passes by
   * reference); false: this browser's runtime messages carry a Blob themselves (Firefox), so the
   * answer does. Optional: without it the answer carries the file.
   */
  handOverExport?: (asker: unknown, delivery: ExportFileDelivery) => Promise<boolean>;
  /** Whether the person granted host access to `origin`. */
  hasHostPermission(origin: string): Promise<boolean>;
  /**
   * First-party cookies of a managed site's origin (host-only, Path `/`, SameSite Lax, Secure on
   * https, readable by page script): only the revocation cookie (revocation-cookie.ts) uses it.
   * Rejects when the browser refuses (no host access, cookies blocked); callers catch.
   */
  siteCookies: {
    /** Writes `name=value` for `origin`, expiring at `expiresAtSeconds` (epoch seconds). */
    set(origin: string, name: string, value: string, expiresAtSeconds: number): Promise<void>;
    /** Removes `name` from `origin` (nothing happens when it is not there). */
    remove(origin: string, name: string): Promise<void>;
  };
}
