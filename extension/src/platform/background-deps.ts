import { BackgroundToContentMessages, createSender } from '@coreitsm/protocol';
import type { BackgroundDeps } from '../background/deps.js';
import { BRIDGE_SCRIPT_ID, GPC_RULE_ID, GPC_SCRIPT_ID, gpcHeaderRule } from '../background/gpc-rule.js';
import { matchPatternFor, originOf } from '../background/managed-origins.js';
import type { ExtensionStore } from '../store/extension-store.js';
import { browser } from './browser.js';
import { handOverExport } from './export-hand-over.js';

export const OUTBOX_ALARM = 'coreitsm-outbox';

async function replaceScript(
  id: string,
  script: Parameters<typeof browser.scripting.registerContentScripts>[0][number] | null,
) {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [id] });
  if (script) await browser.scripting.registerContentScripts([script]);
}

/** The real dependencies of the background, over `browser.*`. */
export function createBackgroundDeps(store: ExtensionStore, onRetryDue: () => void): BackgroundDeps {
  const sendToTab = (tabId: number) =>
    createSender(BackgroundToContentMessages, (request) =>
      browser.tabs.sendMessage(tabId, request, { frameId: 0 }),
    );
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    store,
    fetch: (input, init) => fetch(input, init),
    now: () => new Date(),
    random: Math.random,
    newId: () => crypto.randomUUID(),
    extensionId: browser.runtime.id,
    tabs: {
      async findByOrigin(origin) {
        const tabs = await browser.tabs.query({});
        return tabs.flatMap((tab) => (tab.id !== undefined && originOf(tab.url) === origin ? [tab.id] : []));
      },
      revoke: (tabId, purposes) => sendToTab(tabId)('tab:revoke', { purposes }),
      async hello(tabId) {
        await sendToTab(tabId)('tab:hello', {});
      },
    },
    badge: {
      async set(tabId, text) {
        await browser.action.setBadgeText({ tabId, text });
      },
    },
    scheduleRetry(at) {
      // The alarm survives the worker being stopped; the timer catches short delays while it lives.
      void browser.alarms.create(OUTBOX_ALARM, { when: at });
      clearTimeout(timer);
      const delay = at - Date.now();
      if (delay < 60_000) timer = setTimeout(onRetryDue, Math.max(0, delay));
    },
    gpc: {
      async apply(enabled, hosts, matches) {
        await browser.declarativeNetRequest.updateDynamicRules({
          removeRuleIds: [GPC_RULE_ID],
          addRules: enabled ? [gpcHeaderRule(hosts)] : [],
        });
        await replaceScript(
          GPC_SCRIPT_ID,
          enabled
            ? {
                id: GPC_SCRIPT_ID,
                js: ['gpc-main.js'],
                matches,
                runAt: 'document_start',
                world: 'MAIN',
                allFrames: true,
                persistAcrossSessions: true,
              }
            : null,
        );
      },
    },
    async registerBridge(matches) {
      await replaceScript(
        BRIDGE_SCRIPT_ID,
        matches.length > 0
          ? {
              id: BRIDGE_SCRIPT_ID,
              js: ['content.js'],
              matches,
              runAt: 'document_start',
              persistAcrossSessions: true,
            }
          : null,
      );
    },
    async fetchIcon(url, maxBytes) {
      const response = await fetch(url, { credentials: 'omit', cache: 'no-cache', redirect: 'follow' });
      if (!response.ok || !response.body) return null;
      const length = Number(response.headers.get('content-length') ?? 0);
      if (length > maxBytes) return null;
      // Read no more than maxBytes, whatever the server says it sends.
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > maxBytes) {
          await reader.cancel();
          return null;
        }
        chunks.push(value);
      }
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
      return { url: response.url || url, bytes };
    },
    handOverExport,
    hasHostPermission: (origin) => browser.permissions.contains({ origins: [matchPatternFor(origin)] }),
    siteCookies: {
      // No `domain` (host-only) and no `storeId`: the default cookie store, the one normal tabs use.
      // Firefox container and private stores are left alone on purpose — one value written in every
      // jar would link them.
      async set(origin, name, value, expiresAtSeconds) {
        const cookie = await browser.cookies.set({
          url: `${origin}/`,
          name,
          value,
          path: '/',
          sameSite: 'lax',
          secure: origin.startsWith('https:'),
          httpOnly: false,
          expirationDate: expiresAtSeconds,
        });
        // Chrome answers null (with lastError) when it refused the cookie; be sure it is not taken for success.
        if (!cookie) throw new Error(`cookie ${name} refused for ${origin}`);
      },
      async remove(origin, name) {
        await browser.cookies.remove({ url: `${origin}/`, name });
      },
    },
  };
}
