import {
  BackgroundToContentMessages,
  ContentToBackgroundMessages,
  createDispatcher,
  createSender,
} from '@coreitsm/protocol';
import type { Runtime } from 'webextension-polyfill';
import { startBridge } from '../content/bridge.js';
import { markPage } from '../content/mark-page.js';
import { browser } from './browser.js';

/** Content script entry (ISOLATED world, document_start): the bridge between the page's SDK and the background. */
// First, before any page script runs: the SDK fetches its announce code only on marked pages.
markPage(document);
const send = createSender(ContentToBackgroundMessages, (request) => browser.runtime.sendMessage(request));
const bridge = startBridge({ win: window, send, newId: () => crypto.randomUUID() });

const dispatch = createDispatcher(BackgroundToContentMessages, {
  'tab:revoke': ({ purposes }) => bridge.revoke(purposes),
  'tab:hello': () => {
    bridge.hello();
    return {};
  },
});
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  return dispatch(message, sender);
});

// The SDK announces on load by itself; asking too covers an SDK that loaded before us.
bridge.hello();
document.addEventListener('DOMContentLoaded', () => bridge.hello(), { once: true });
// Leaving the tab refreshes our copy: the SDK may have learned its subject token since it last announced.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') bridge.hello();
});
