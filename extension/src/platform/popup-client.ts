import { createSender, PopupToBackgroundMessages } from '@coreitsm/protocol';
import { browser } from './browser.js';

/** Typed requests from the popup and options pages to the background. */
export const sendToBackground = createSender(PopupToBackgroundMessages, (request) =>
  browser.runtime.sendMessage(request),
);

/** Asks the person for host access to an origin (must run inside their click). */
export function requestHostPermission(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] });
}

export function removeHostPermission(pattern: string): Promise<boolean> {
  return browser.permissions.remove({ origins: [pattern] });
}
