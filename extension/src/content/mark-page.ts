import { EXTENSION_MARK } from '@coreitsm/protocol';

/**
 * Marks the page as one the extension is on (protocol's `EXTENSION_MARK` on `<html>`), so the SDK's
 * script tag fetches its announce code: a visitor without the extension never downloads it. Runs at
 * `document_start`, before page scripts; when the root element does not exist yet, it is marked the
 * moment it does. The mark says nothing the page could not learn from the bridge's own messages.
 */
export function markPage(doc: Document): void {
  if (doc.documentElement) {
    doc.documentElement.setAttribute(EXTENSION_MARK, '');
    return;
  }
  const observer = new MutationObserver(() => {
    if (!doc.documentElement) return;
    observer.disconnect();
    doc.documentElement.setAttribute(EXTENSION_MARK, '');
  });
  observer.observe(doc, { childList: true });
}
