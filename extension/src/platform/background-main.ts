import { ContentToBackgroundMessages, createDispatcher, PopupToBackgroundMessages } from '@coreitsm/protocol';
import type { Runtime } from 'webextension-polyfill';
import { createContentHandlers } from '../background/content-handlers.js';
import type { BackgroundDeps } from '../background/deps.js';
import { drainOutbox } from '../background/outbox.js';
import { createPopupHandlers, syncRegistrations } from '../background/popup-handlers.js';
import type { ContentSender } from '../background/sender-check.js';
import { openIdbStore } from '../store/idb-store.js';
import { createBackgroundDeps, OUTBOX_ALARM } from './background-deps.js';
import { browser } from './browser.js';

/**
 * The background entry (Chrome service worker / Firefox background script). Listeners are
 * registered synchronously at the top level, as MV3 requires to wake the worker for them; they
 * wait for the store to open. Every wake also drains the revocation outbox.
 */
const ready: Promise<BackgroundDeps> = openIdbStore().then((store) =>
  createBackgroundDeps(store, () => void ready.then(drainOutbox)),
);
const dispatchers = ready.then((deps) => ({
  content: createDispatcher(ContentToBackgroundMessages, createContentHandlers(deps)),
  popup: createDispatcher(PopupToBackgroundMessages, createPopupHandlers(deps)),
}));

const ownPages = browser.runtime.getURL('');

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Our own pages (popup, options) speak the popup map; a web page's content script the content map.
  const fromOwnPage = sender.id === browser.runtime.id && (sender.url ?? '').startsWith(ownPages);
  return dispatchers.then((d) =>
    fromOwnPage ? d.popup(message, sender) : d.content(message, sender as ContentSender),
  );
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === OUTBOX_ALARM) void ready.then(drainOutbox);
});

browser.runtime.onInstalled.addListener(() => {
  void browser.action.setBadgeBackgroundColor({ color: '#1f4e79' });
  void ready.then(syncRegistrations);
});
browser.runtime.onStartup.addListener(() => void ready.then(syncRegistrations));

void ready.then(drainOutbox).catch((error: unknown) => console.error('[coreitsm] outbox:', error));
